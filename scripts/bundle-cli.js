#!/usr/bin/env node
// Bundle the CLI (dist/src/cli/main.js and everything it imports, koffi aside) into one file,
// dist/rtnl-ts-cli.cjs: loading ~90 ES modules one by one is most of the command's start-up time.
// CommonJS, so that bin/rtnl-ts.cjs can run it with V8's code cache (Node 20's ES module loader
// has none); minified (names kept) to parse less. Without esbuild the module tree runs instead.
// Skipped while the bundle is newer than every module under dist/src and this script; with
// --require (`prepack`) a missing esbuild is an error, so a package never lacks the bundle.
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { readdirSync, rmSync, statSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist/rtnl-ts-cli.cjs');

/** The newest modification time of the .js files under `dir`. */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith('.js')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

let built = 0;
try {
  built = statSync(outfile).mtimeMs;
} catch {}
if (built > Math.max(newest(path.join(root, 'dist/src')), statSync(fileURLToPath(import.meta.url)).mtimeMs)) process.exit(0);

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  if (process.argv.includes('--require')) {
    console.error('rtnl-ts ERROR: esbuild is not installed (npm ci installs it): the package needs the CLI bundle');
    process.exit(1);
  }
  console.warn('rtnl-ts: esbuild is not installed; the CLI runs from the module tree (slower start-up)');
  process.exit(0);
}
// A code cache of an older bundle would only be rejected: start without one.
rmSync(path.join(root, 'dist/rtnl-ts-cli.cache'), { force: true });
await esbuild.build({
  entryPoints: [path.join(root, 'dist/src/cli/main.js')],
  outfile,
  bundle: true,
  format: 'cjs',
  // The two modules that locate files from import.meta.url get the bundle's own location.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  platform: 'node',
  target: 'node20',
  // @viz-js/viz (1.2 MB, the WASM Graphviz) only when `topo draw --svg` loads it: not parsed at every start-up.
  external: ['koffi', '@viz-js/viz'],
  logLevel: 'warning',
  minifyWhitespace: true,
  minifySyntax: true,
  // Every character outside ASCII escaped, so bin/rtnl-ts.cjs can read the bundle as latin1
  // (one-byte text as it is on disk, no UTF-8 decoding of 1 MB at each start).
  charset: 'ascii',
});
