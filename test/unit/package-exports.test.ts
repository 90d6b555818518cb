// The package's entry through its `exports`, as consumers reach it: `import` and, on Node >= 20.19,
// `require` (require(esm): the entry's module graph has no top-level await), both giving the same
// module, so a class is one class whichever way it was loaded.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { PACKAGE_ROOT } from '../../src/paths.js';

test('require("rtnl-ts") and import("rtnl-ts") give the same module', async (t) => {
  const required = createRequire(import.meta.url)('rtnl-ts') as typeof import('rtnl-ts');
  const imported = await import('rtnl-ts');
  t.is(required.IpRoute, imported.IpRoute);
  t.is(required.NetlinkError, imported.NetlinkError);
  t.deepEqual(Object.keys(required).sort(), Object.keys(imported).sort());
});

test('a CommonJS program requires rtnl-ts without a warning', (t) => {
  const program = "const { IpRoute, NetlinkError } = require('rtnl-ts'); console.log(typeof IpRoute.open, typeof NetlinkError)";
  const r = spawnSync(process.execPath, ['--input-type=commonjs', '-e', program], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  t.is(r.stderr, '');
  t.is(r.stdout, 'function function\n');
  t.is(r.status, 0);
});

test('package.json is exported, deep paths are not', (t) => {
  const req = createRequire(import.meta.url);
  t.is((req('rtnl-ts/package.json') as { name: string }).name, 'rtnl-ts');
  t.throws(() => req('rtnl-ts/dist/src/api/netns.js'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
});
