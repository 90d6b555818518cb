#!/usr/bin/env node
// The package as a user gets it: `npm pack` (prepack: a release build), then a new folder that
// installs the tarball with `npm ci --offline --ignore-scripts` (its lockfile is made from this
// repo's, so every dependency comes from the tarball or npm's cache: no registry, no install
// script), type-checks test/consumer/app.mts and a CommonJS copy of it (app.cts) with
// `tsc --strict` against the installed declarations, then runs both (as root, in a sandbox made
// by scripts/sandbox.js): each must print exactly the expected line, and nothing on stderr.
// What they do is in test/consumer/app.mts. The installed command draws a topology as SVG too.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rtnl-ts-consumer-'));
const app = path.join(tmp, 'app');
const log = (s) => console.log(`consumer test: ${s}`);

/** Run a command; its output is returned, and shown only if it fails. */
function run(cmd, args, cwd) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    throw new Error(`${[cmd, ...args].join(' ')} failed (exit status ${r.status ?? r.signal ?? r.error?.message})`);
  }
  return { ...r, ms: Date.now() - t0 };
}

/**
 * package-lock.json entries for `names` and everything they depend on, taken from this repo's
 * lockfile (same versions, resolved URLs and integrity, so npm ci finds them in its cache).
 */
function lockEntries(names) {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const out = {};
  const queue = [...names];
  while (queue.length > 0) {
    const key = `node_modules/${queue.shift()}`;
    if (out[key]) continue;
    const entry = lock.packages[key];
    if (!entry) throw new Error(`${key} is not in package-lock.json (nested dependencies are not handled)`);
    const { dev, devOptional, peer, ...kept } = entry;
    out[key] = kept;
    queue.push(...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}));
  }
  return out;
}

function install() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const packed = run('npm', ['pack', '--json', '--pack-destination', tmp], root);
  const [{ filename, integrity }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
  log(`packed ${filename} (${packed.ms} ms)`);

  const tools = { typescript: pkg.devDependencies.typescript, '@types/node': pkg.devDependencies['@types/node'] };
  const dependencies = { 'rtnl-ts': `file:../${filename}`, ...tools };
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'rtnl-ts-consumer', private: true, dependencies }, null, 2));
  const entries = lockEntries([...Object.keys(pkg.dependencies), ...Object.keys(tools)]);
  fs.writeFileSync(path.join(app, 'package-lock.json'), JSON.stringify({
    name: 'rtnl-ts-consumer',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'rtnl-ts-consumer', dependencies },
      'node_modules/rtnl-ts': {
        version: pkg.version, resolved: `file:../${filename}`, integrity, license: pkg.license,
        dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines,
      },
      ...entries,
    },
  }, null, 2));
  const ci = run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], app);
  if (/warn/i.test(ci.stderr)) throw new Error(`npm ci warned:\n${ci.stderr}`);
  log(`installed it with npm ci --offline --ignore-scripts (${ci.ms} ms)`);
}

function typecheck() {
  const source = fs.readFileSync(path.join(root, 'test/consumer/app.mts'), 'utf8');
  fs.writeFileSync(path.join(app, 'app.mts'), source);
  fs.writeFileSync(path.join(app, 'app.cts'), source);
  fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: ['node'], skipLibCheck: false,
    },
    files: ['app.mts', 'app.cts'],
  }, null, 2));
  const tsc = run(process.execPath, [path.join(app, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], app);
  const cjs = fs.readFileSync(path.join(app, 'app.cjs'), 'utf8');
  if (!/require\("rtnl-ts"\)/.test(cjs)) throw new Error('app.cjs does not require("rtnl-ts")');
  log(`app.mts and app.cts type-check under tsc --strict (${tsc.ms} ms)`);
}

const EXPECTED = {
  addresses: ['10.9.0.2/24'], links: ['lo', 'veth1'], ping: 0, sys: ['lo', 'veth1'], duplicate: 'EEXIST',
  watched: { before: ['lo', 'veth1'], after: ['10.9.0.2'] }, drawn: ['netns n1', 'v0', 'v1'],
};

/** The installed command draws a document as SVG: its bundle finds the WASM Graphviz (no root needed). */
function drawCli() {
  const doc = path.join(app, 'lab.yaml');
  fs.writeFileSync(doc, 'name: lab\nnamespaces: [{name: ns0}]\nlinks: [{name: veth0, kind: veth, up: true, peer: {name: eth0, netns: ns0, addresses: [10.1.0.2/24]}}]\n');
  const r = run(process.execPath, [path.join(app, 'node_modules/rtnl-ts/bin/rtnl-ts.cjs'), 'topo', 'draw', doc, '--svg', '-'], app);
  const missing = ['netns ns0', 'veth0', 'eth0', '10.1.0.2/24'].filter((s) => !r.stdout.includes(`>${s}</text>`));
  if (!r.stdout.startsWith('<?xml') || missing.length > 0 || r.stderr !== '') throw new Error(`rtnl-ts topo draw --svg: missing ${missing.join(', ')}\n${r.stderr}`);
  log(`the installed rtnl-ts topo draw --svg rendered a document (${r.ms} ms)`);
}

function runApps() {
  for (const file of ['app.mjs', 'app.cjs']) {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/sandbox.js'), process.execPath, file], { cwd: app, encoding: 'utf8' });
    const out = r.stdout.trim();
    if (r.status !== 0 || r.stderr !== '' || out !== JSON.stringify(EXPECTED)) {
      throw new Error(`${file}: exit status ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}\nexpected stdout: ${JSON.stringify(EXPECTED)}`);
    }
    log(`${file} ran in a sandbox: veth into a namespace, addresses, a watch seeing them, netns exec ping through the shipped helper, no warning`);
  }
}

try {
  install();
  typecheck();
  drawCli();
  if (process.getuid?.() === 0) {
    runApps();
    log('passed: packed, installed, type-checked, run as ESM and as CommonJS');
  } else {
    const why = 'running the apps needs root (a network sandbox)';
    if (process.env.CI === 'true') throw new Error(`${why}, and CI must run them`);
    log(`packed, installed, type-checked; run skipped: ${why}`);
  }
} catch (e) {
  console.error(`consumer test FAILED: ${e.message}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
