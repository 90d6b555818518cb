#!/usr/bin/env node
// The rtnl-ts command: iproute2's `ip` grammar and output over the rtnl-ts library.
//
// Start-up is most of a short command's time, so this entry is CommonJS (no ES module loader
// to start) and runs the CLI bundle (dist/rtnl-ts-cli.cjs, made by scripts/bundle-cli.js) with
// V8's code cache: the compiled code of a previous run is kept next to the bundle
// (rtnl-ts-cli.cache) and reused while V8 accepts it. Without a bundle, the module tree runs.
// V8 runs what a cache holds and checks little more than the source's length, so a cache is
// code: it is written mode 0644 whatever the umask, and used only when this user or root owns
// it and no one else can write it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'dist', 'rtnl-ts-cli.cjs');
const cacheFile = path.join(__dirname, '..', 'dist', 'rtnl-ts-cli.cache');

/**
 * The code cache's bytes, when they can be trusted: a regular file (no symlink followed) owned by
 * this user or root and writable by neither group nor others, checked on the descriptor it is
 * read through. Otherwise undefined, and a fresh cache replaces it after the run.
 */
function readCache() {
  let fd;
  try {
    fd = fs.openSync(cacheFile, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    const owner = st.uid === 0 || st.uid === process.geteuid();
    if (!st.isFile() || !owner || (st.mode & 0o022) !== 0) return undefined;
    return fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

function loadBundle() {
  let source;
  try {
    source = fs.readFileSync(bundle, 'latin1'); // ASCII only (scripts/bundle-cli.js: charset)
  } catch {
    return undefined;
  }
  const cachedData = readCache();
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  const saveCache = () => {
    if (cachedData && !script.cachedDataRejected) return;
    // Written once (or after a Node upgrade made V8 reject it, or an untrusted one was found);
    // a read-only install just skips it. 'wx' (O_CREAT|O_EXCL) follows no symlink planted at
    // the temporary name and reuses no file; the rename replaces whatever is at the cache's.
    const tmp = `${cacheFile}.${process.pid}`;
    try {
      fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o644, flag: 'wx' });
    } catch {
      return;
    }
    try {
      fs.renameSync(tmp, cacheFile);
    } catch {
      fs.rmSync(tmp, { force: true });
    }
  };
  return { main: mod.exports.main, saveCache };
}

(async () => {
  const cli = loadBundle() ?? { main: (await import('../dist/src/cli/main.js')).main, saveCache() {} };
  const code = await cli.main(process.argv.slice(2));
  cli.saveCache();
  process.exit(code);
})();
