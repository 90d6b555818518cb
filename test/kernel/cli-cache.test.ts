// The CLI's V8 code cache (dist/rtnl-ts-cli.cache) runs as code: it is never written where or
// how another user could change it, and one that another user could have changed is not used
// (issue 22: `umask 000; rtnl-ts link show` left it mode 666, and V8 accepts a modified cache).
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, exec } from './cli-helpers.js';
import { assertSandboxed } from './_util.js';

const CACHE = path.resolve(path.dirname(BIN), '../dist/rtnl-ts-cli.cache');
const NOBODY = 65534;

/** `rtnl-ts link show` through a shell with umask `mask`. */
function linkShow(mask: string): void {
  const r = exec('sh', ['-c', `umask ${mask}; exec "$0" "$1" link show`, process.execPath, BIN]);
  if (r.status !== 0) throw new Error(`rtnl-ts link show: ${r.status} ${r.stderr}`);
}

const modeOf = (f: string): number => fs.statSync(f).mode & 0o7777;

test.before(() => assertSandboxed());
// Every test leaves a good cache behind, as a normal run would.
test.afterEach.always(() => { fs.rmSync(CACHE, { force: true }); linkShow('022'); });

test.serial('with umask 000 the cache is written mode 0644, owned by the writer', (t) => {
  fs.rmSync(CACHE, { force: true });
  linkShow('000');
  t.true(fs.existsSync(CACHE), 'a cache was written');
  t.is(modeOf(CACHE).toString(8), '644');
  t.is(fs.statSync(CACHE).uid, process.getuid!());
});

test.serial('a cache others can write is not used: it is replaced by a fresh one', (t) => {
  linkShow('022');
  fs.chmodSync(CACHE, 0o666);
  const planted = fs.statSync(CACHE).ino;
  linkShow('000');
  t.not(fs.statSync(CACHE).ino, planted, 'the planted file was replaced');
  t.is(modeOf(CACHE).toString(8), '644');
});

test.serial('a cache owned by another user is not used: it is replaced by a fresh one', (t) => {
  linkShow('022');
  fs.chownSync(CACHE, NOBODY, NOBODY);
  linkShow('022');
  t.is(fs.statSync(CACHE).uid, 0);
  t.is(modeOf(CACHE).toString(8), '644');
});

test.serial('a symlink planted at the cache path is not followed for reading or writing', (t) => {
  const target = path.join(path.dirname(CACHE), 'cache-symlink-target');
  fs.writeFileSync(target, 'x', { mode: 0o600 });
  try {
    fs.rmSync(CACHE, { force: true });
    fs.symlinkSync(target, CACHE);
    linkShow('022');
    t.is(fs.readFileSync(target, 'utf8'), 'x', 'the link\'s target was not written');
    t.false(fs.lstatSync(CACHE).isSymbolicLink(), 'the link was replaced by a cache file');
  } finally {
    fs.rmSync(target, { force: true });
  }
});
