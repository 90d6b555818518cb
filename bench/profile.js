#!/usr/bin/env node
// Profile rtnl-ts on one workload: the same fresh namespace and setup as `npm run bench`, the
// rtnl-ts tool run once under V8's CPU profiler (sampling only the timed work), then the hot
// spots: self time and total (inclusive) time per function, as file:function and % of the
// sampled time. The .cpuprofile is kept for Chrome DevTools.
//
//   node bench/profile.js W4 [--top 20] [--out bench/W4.cpuprofile] [--warm N]
//
// --warm N runs a dump N times untimed first, to profile the steady state rather than a cold JIT.
//
// W7 (start-up) profiles the whole `node bin/rtnl-ts.cjs link show` process with --cpu-prof.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { workloads } from './workloads.js';
import { PYTHON, buildFloor, delNetns, enterSandbox, freshNetns, inSandbox, quiesce, root } from './sandbox.js';

/** Self and inclusive time per function from a V8 .cpuprofile, in µs. */
export function hotSpots(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + Math.max(0, deltas[i + 1] ?? deltas[i] ?? 0));
  }
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // file:function, with this repository's compiled files named by their TypeScript source
  // (dist/src/x.js -> src/x.ts); anonymous functions keep their line in the .js to tell them apart.
  const key = (n) => {
    const f = n.callFrame;
    let file = f.url ? f.url.replace(/^file:\/\//, '').replace(root + '/', '') : '(native)';
    const fromDist = /^dist\/(src|test)\/.*\.js$/.test(file);
    if (fromDist) file = file.replace(/^dist\//, '').replace(/\.js$/, '.ts');
    const fn = f.functionName || `(anonymous, ${fromDist ? 'dist ' : ''}line ${f.lineNumber + 1})`;
    return `${file}:${fn}`;
  };
  const selfBy = new Map();
  const totalBy = new Map();
  let total = 0;
  for (const [id, us] of self) {
    total += us;
    const k = key(byId.get(id));
    selfBy.set(k, (selfBy.get(k) ?? 0) + us);
    // Inclusive: every distinct function on the stack gets the sample once.
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const ck = key(byId.get(cur));
      if (seen.has(ck)) continue;
      seen.add(ck);
      totalBy.set(ck, (totalBy.get(ck) ?? 0) + us);
    }
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return { total, self: sorted(selfBy), inclusive: sorted(totalBy) };
}

async function main() {
  const argv = process.argv.slice(2);
  const id = argv.map((a) => (/^W\d+[a-z]?$/i.test(a) ? `W${a.slice(1).toLowerCase()}` : undefined)).find(Boolean);
  const top = Number(argv[argv.indexOf('--top') + 1]) || 20;
  const warm = argv.includes('--warm') ? Number(argv[argv.indexOf('--warm') + 1]) : 0;
  const out = argv.includes('--out') ? path.resolve(argv[argv.indexOf('--out') + 1]) : path.join(root, `bench/${id}.cpuprofile`);
  const tmp = mkdtempSync(path.join(tmpdir(), 'rtnl-ts-prof-'));
  try {
    const w = workloads({ floor: buildFloor(tmp), tmp, root, python: PYTHON }).find((x) => x.id === id);
    if (!w || !w.run['rtnl-ts']) throw new Error('usage: profile.js W1..W7|W5b [--top N] [--out FILE]');
    // W1-W6: the tool profiles its timed work itself. W7 (start-up): the whole CLI process
    // under `node --cpu-prof`, module loading included.
    let argv = w.run['rtnl-ts'];
    const whole = argv[1] === 'timeit';
    if (whole) argv = ['node', '--cpu-prof', '--cpu-prof-dir', tmp, '--cpu-prof-name', 'w7.cpuprofile', ...argv.slice(3)];
    const ns = freshNetns(w.setup);
    try {
      await quiesce();
      const r = spawnSync('ip', ['netns', 'exec', ns, ...argv], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, RTNL_TS_BENCH_PROFILE: out, RTNL_TS_BENCH_WARM: String(warm) },
      });
      if (r.status !== 0) throw new Error(r.stderr);
      console.log(`${id} ${w.title}: ${whole ? argv.join(' ') : r.stdout.trim()}`);
      if (whole) copyFileSync(path.join(tmp, 'w7.cpuprofile'), out);
    } finally {
      delNetns(ns);
    }
    const h = hotSpots(JSON.parse(readFileSync(out, 'utf8')));
    const pct = (us) => `${((100 * us) / h.total).toFixed(1).padStart(5)}%`;
    console.log(`\nsampled ${(h.total / 1000).toFixed(1)} ms; profile in ${path.relative(root, out)}\n\nself time:`);
    for (const [k, us] of h.self.slice(0, top)) console.log(`${pct(us)}  ${k}`);
    console.log('\ntotal time (with callees), functions of this repository:');
    for (const [k, us] of h.inclusive.filter(([k]) => /^(src|bin)\//.test(k)).slice(0, top)) console.log(`${pct(us)}  ${k}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (!inSandbox()) enterSandbox('bench/profile.js');
else {
  await main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
