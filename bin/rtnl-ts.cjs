#!/usr/bin/env node
// The rtnl-ts command: iproute2's `ip` grammar and output over the rtnl-ts library.
//
// Start-up is most of a short command's time, so this entry is CommonJS (no ES module loader
// to start) and runs the CLI bundle (dist/rtnl-ts-cli.cjs, made by scripts/bundle-cli.js) with
// V8's code cache: the compiled code of a previous run is kept next to the bundle
// (rtnl-ts-cli.cache) and reused while V8 accepts it. Without a bundle, the module tree runs.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'dist', 'rtnl-ts-cli.cjs');
const cacheFile = path.join(__dirname, '..', 'dist', 'rtnl-ts-cli.cache');

function loadBundle() {
  let source;
  try {
    source = fs.readFileSync(bundle, 'utf8');
  } catch {
    return undefined;
  }
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {}
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  const saveCache = () => {
    if (cachedData && !script.cachedDataRejected) return;
    // Written once (or after a Node upgrade made V8 reject it); a read-only install just skips it.
    try {
      const tmp = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {}
  };
  return { main: mod.exports.main, saveCache };
}

(async () => {
  const cli = loadBundle() ?? { main: (await import('../dist/src/cli/main.js')).main, saveCache() {} };
  const code = await cli.main(process.argv.slice(2));
  cli.saveCache();
  process.exit(code);
})();
