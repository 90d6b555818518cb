#!/usr/bin/env node
// The benchmarks against the peers (`npm run bench`). Re-runs itself inside a throwaway sandbox
// (new network and mount namespaces, tmpfs on /run/netns) once the compiled peers (Go, Rust) are
// installed and built (bench/peers.js, outside the sandbox: apt-get needs the network), builds
// the C floor, checks each peer once untimed, then runs every
// workload for every tool: each run in a fresh named namespace that holds only the workload's
// setup, the tool in its own process inside it, tools alternating within each repetition, the
// machine let go idle before each run. Prints a table of medians and ratios, writes
// bench/results.json and, after a full run, the table in bench/README.md.
//
//   node bench/run.js [W1 W5 ...] [--reps N] [--warmup N] [--tools rtnl-ts,floor,...] [--no-readme]
//
// Default: 1 warm-up repetition (dropped), then 5 (W3, W4, W5: 3; W7: 15).
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { workloads } from './workloads.js';
import { peerVersions, summarize, renderTable, renderTargets, updateReadme } from './report.js';
import { PYTHON, buildFloor, delNetns, enterSandbox, freshNetns, inSandbox, quiesce, root, sh } from './sandbox.js';
import { builtPeers, preparePeers } from './peers.js';

/**
 * Repetitions of a workload unless it says otherwise: the heavy ones (W3-W5, whose setup alone
 * takes 1.5-2 s per run) do 3 to keep a full run under ~10 minutes on 2 cores; W7 does 3 × 5.
 */
const DEFAULT_REPS = 5;

function parseArgs(argv) {
  const o = { only: [], reps: undefined, warmup: 1, tools: undefined, readme: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--reps') o.reps = Number(argv[++i]);
    else if (a === '--warmup') o.warmup = Number(argv[++i]);
    else if (a === '--tools') o.tools = String(argv[++i]).split(',');
    else if (a === '--no-readme') o.readme = false;
    else if (/^W\d+[a-z]?$/i.test(a)) o.only.push(`W${a.slice(1).toLowerCase()}`);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!(o.reps === undefined || o.reps >= 1) || !(o.warmup >= 0)) throw new Error('--reps must be >= 1 and --warmup >= 0');
  return o;
}

/** Run one tool once: its process inside `ns`, its one-line JSON answer parsed. */
function runOnce(w, tool, ns) {
  const argv = w.run[tool];
  const t0 = performance.now();
  const r = spawnSync('ip', ['netns', 'exec', ns, ...argv], { encoding: 'utf8', cwd: root, maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t0;
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  let out;
  try {
    out = JSON.parse(last);
  } catch {
    throw new Error(`${w.id} ${tool}: no result (exit ${r.status}): ${(r.stderr || r.stdout || '').trim().slice(-800)}`);
  }
  if (r.status !== 0 || (out.status !== undefined && out.status !== 0)) {
    throw new Error(`${w.id} ${tool}: exit ${r.status}/${out.status}: ${(r.stderr || '').trim().slice(-800)}`);
  }
  if (w.count !== undefined && tool !== 'iproute2' && out.count < w.count) {
    throw new Error(`${w.id} ${tool}: saw ${out.count} objects, expected at least ${w.count}`);
  }
  if (w.after) {
    const n = sh('ip', ['-n', ns, ...w.after.cmd]).trim().split('\n').filter(Boolean).length;
    if (n !== w.after.lines) throw new Error(`${w.id} ${tool}: \`ip ${w.after.cmd.join(' ')}\` shows ${n} lines, expected ${w.after.lines}`);
  }
  if (w.afterNetns) {
    const left = readdirSync('/run/netns').filter((n) => n !== ns);
    if (left.length) throw new Error(`${w.id} ${tool}: left namespaces behind: ${left.slice(0, 5).join(' ')}`);
  }
  return { ms: out.ms, wallMs, rssGrowth: out.rssGrowth, maxRss: out.maxRss, importMs: out.importMs };
}

function machine() {
  const cpu = readFileSync('/proc/cpuinfo', 'latin1').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? 'unknown';
  const v = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim().split('\n')[0];
    } catch {
      return 'unavailable';
    }
  };
  return {
    nproc: Number(v('nproc', [])),
    cpu,
    kernel: v('uname', ['-r']),
    node: process.version,
    iproute2: v('ip', ['-V']),
    python: v(PYTHON, ['-V']),
    pyroute2: v(PYTHON, ['-c', 'import pyroute2, importlib.metadata as m; print(m.version("pyroute2"))']),
    netlink: (() => {
      try {
        return JSON.parse(readFileSync(path.join(root, 'node_modules/netlink/package.json'), 'utf8')).version;
      } catch {
        return 'unavailable';
      }
    })(),
    cc: v('cc', ['--version']),
    peers: Object.fromEntries(Object.entries(builtPeers()).map(([k, p]) => [k, p.versions ?? { error: p.error }])),
    commit: `${v('git', ['-C', root, 'rev-parse', '--short', 'HEAD'])}${v('git', ['-C', root, 'status', '--porcelain', '--', 'src']) ? ' + uncommitted src/' : ''}`,
  };
}

/**
 * Which tools can run here at all, and why not for the others. The compiled peers must have
 * been built, and each runs its `selftest` once, untimed, in a fresh namespace: the calls the
 * workloads use work on this kernel (for Rust, whether the crate's own link delete is refused
 * is kept for the report).
 */
function availability(env) {
  const why = {};
  for (const [name, p] of Object.entries(builtPeers())) {
    if (p.error || !existsSync(p.bin)) {
      why[name] = p.error ?? `${p.bin} is missing`;
      continue;
    }
    const ns = freshNetns([]);
    try {
      const r = spawnSync('ip', ['netns', 'exec', ns, p.bin, 'selftest'], { encoding: 'utf8' });
      if (r.status !== 0) why[name] = `its selftest failed: ${(r.stderr || r.stdout || '').trim().slice(-500)}`;
      else env.selftest[name] = JSON.parse(r.stdout.trim().split('\n').pop());
    } finally {
      delNetns(ns);
    }
  }
  if (spawnSync(PYTHON, ['-c', 'import pyroute2'], { stdio: 'ignore' }).status !== 0) {
    why.pyroute2 = `${PYTHON} cannot import pyroute2 (apt-get install -y python3-pyroute2)`;
  }
  const nl = spawnSync('node', ['-e', "require('netlink').createRtNetlink().socket.close()"], { cwd: root, encoding: 'utf8' });
  if (nl.status !== 0) why.netlink = `the npm package netlink does not load: ${(nl.stderr || '').trim().split('\n').slice(-1)[0]}`;
  if (!existsSync(path.join(root, 'dist/src/api/iproute.js'))) why['rtnl-ts'] = 'dist/ is not built (npm run build)';
  return why;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const tmp = mkdtempSync(path.join(tmpdir(), 'rtnl-ts-bench-'));
  try {
    const peers = builtPeers();
    const env = { floor: buildFloor(tmp), tmp, root, python: PYTHON, peers: { go: peers.go?.bin, rust: peers.rust?.bin }, selftest: {} };
    const missing = availability(env);
    for (const [tool, why] of Object.entries(missing)) console.error(`skipping ${tool}: ${why}`);
    const all = workloads(env).filter((w) => opts.only.length === 0 || opts.only.includes(w.id));
    const results = { machine: machine(), date: new Date().toISOString(), warmup: opts.warmup, selftest: env.selftest, workloads: [] };
    console.error(`bench: ${peerVersions(results.machine)}`);
    const loadavg = () => readFileSync('/proc/loadavg', 'latin1').split(' ').slice(0, 3).join(' ');
    results.load = { before: loadavg() };
    console.error(`bench: load average before the run: ${results.load.before}`);
    const t0 = Date.now();

    for (const w of all) {
      // --tools keeps the tools named, plus those the ratios and targets divide by.
      const refs = [w.base, ...w.targets.map((t) => t.over).filter(Boolean)];
      const tools = Object.keys(w.run).filter((t) => !missing[t] && (!opts.tools || opts.tools.includes(t) || refs.includes(t)));
      const wr = { id: w.id, title: w.title, base: w.base, targets: w.targets, rss: !!w.rss, tools: {} };
      for (const t of tools) wr.tools[t] = { samples: [] };
      // Repetitions: --reps N for every workload, else the workload's own (default 5).
      const reps = (opts.reps ?? w.reps ?? DEFAULT_REPS) * (w.repsFactor ?? 1);
      wr.reps = reps;
      for (let rep = -opts.warmup; rep < reps; rep++) {
        // Alternate: each repetition starts with the next tool, so no tool always runs first.
        const k = ((rep % tools.length) + tools.length) % tools.length;
        for (const tool of [...tools.slice(k), ...tools.slice(0, k)]) {
          const slot = wr.tools[tool];
          const ns = freshNetns(w.setup);
          try {
            const busyBefore = await quiesce();
            const r = runOnce(w, tool, ns);
            if (rep >= 0) slot.samples.push({ ...r, busyBefore, rep });
          } finally {
            delNetns(ns);
          }
        }
      }
      summarize(wr);
      results.workloads.push(wr);
      const line = Object.entries(wr.tools)
        .map(([t, s]) => `${t} ${s.unsupported ? 'n/a' : s.median.toFixed(1) + ' ms'}`)
        .join(', ');
      console.error(`${w.id} done (${((Date.now() - t0) / 1000).toFixed(0)} s, load ${loadavg()}): ${line}`);
    }

    results.elapsedSeconds = (Date.now() - t0) / 1000;
    results.load.after = loadavg();
    const samples = results.workloads.flatMap((w) => Object.values(w.tools).flatMap((s) => s.samples));
    results.busyRuns = samples.filter((s) => s.busyBefore >= 0.05).length;
    results.runs = samples.length;
    writeFileSync(path.join(root, 'bench/results.json'), JSON.stringify(results, null, 1) + '\n');
    const table = renderTable(results);
    const targets = renderTargets(results);
    console.log(table + '\n\n' + targets);
    if (results.busyRuns > 0) {
      console.log(`\n${results.busyRuns} of ${results.runs} runs started while the machine was still busy (other work on it): medians may be noisy.`);
    }
    const full = opts.only.length === 0 && !opts.tools;
    if (opts.readme && full) updateReadme(path.join(root, 'bench/README.md'), results, table, targets);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (!inSandbox()) {
  preparePeers();
  enterSandbox('bench/run.js');
}
else {
  await main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
