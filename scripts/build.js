#!/usr/bin/env node
// `npm run build`, incremental: a tree that is up to date costs about a second.
//   1. Remove what dist holds for a TypeScript source that is gone (tsc never does: a stale
//      dist/test file would still run, a stale dist/src file would still be packed).
//   2. tsc -b: type-checks and emits only what changed since dist/tsconfig.tsbuildinfo.
//   3. scripts/build-helper.js: the exec helpers, each kept while newer than the C source.
//   4. scripts/bundle-cli.js: the CLI bundle, kept while newer than every module it bundles.
// --release (run by `prepack`): the package must have both shipped helpers and the CLI bundle.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const release = process.argv.includes('--release');
const OUTPUT = /(\.d\.ts|\.js|\.js\.map|\.d\.ts\.map)$/;

/** Remove outputs under dist/DIR whose DIR/….ts is gone, then the folders left empty; true if the folder is now empty. */
function prune(rel) {
  const dir = path.join(root, 'dist', rel);
  let empty = true;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const sub = path.join(rel, e.name);
    if (e.isDirectory()) {
      if (prune(sub)) rmdirSync(path.join(root, 'dist', sub));
      else empty = false;
    } else if (OUTPUT.test(e.name) && !existsSync(path.join(root, sub.replace(OUTPUT, '.ts')))) {
      rmSync(path.join(root, 'dist', sub));
    } else {
      empty = false;
    }
  }
  return empty;
}

function run(script, args = []) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

for (const top of ['src', 'test', 'bench', 'examples']) {
  if (existsSync(path.join(root, 'dist', top))) prune(top);
}
run(createRequire(import.meta.url).resolve('typescript/bin/tsc'), ['-b', 'tsconfig.json']);
run(path.join(root, 'scripts/build-helper.js'), release ? ['--all'] : []);
run(path.join(root, 'scripts/bundle-cli.js'), release ? ['--require'] : []);
