/**
 * The kernel selftest rtnetlink.sh's kci_test_fdb_get, its steps done here with rtnl-ts as both
 * `ip` and `bridge` (issue 23): a vxlan port of a bridge with the same MAC in the bridge's fdb
 * (master) and in the vxlan's own (self, with a remote), then `fdb get` by bridge port, by bridge
 * and by device with self. Every step must succeed and print what the selftest greps for, and
 * each `fdb get` must print what iproute2's bridge prints for the same state.
 */
import test from 'ava';
import { assertSandboxed, uniq } from './_util.js';
import { BIN, exec } from './cli-helpers.js';

test.before(() => assertSandboxed());

test('kernel selftest kci_test_fdb_get passes with rtnl-ts as ip and bridge', (t) => {
  const ns = uniq('fdbget');
  const rip = (...args: string[]) => exec(process.execPath, [BIN, '-netns', ns, ...args]);
  const rbridge = (...args: string[]) => exec(process.execPath, [BIN, 'bridge', '-netns', ns, ...args]);
  const mac = 'de:ad:be:ef:13:37';
  t.is(exec(process.execPath, [BIN, 'netns', 'add', ns]).status, 0);
  t.teardown(() => exec('ip', ['netns', 'del', ns]));
  for (const r of [
    rip('link', 'add', 'vxlan10', 'type', 'vxlan', 'id', '10', 'local', '10.0.2.2', 'dstport', '4789'),
    rip('link', 'add', 'name', 'test-br0', 'type', 'bridge'),
    rip('link', 'set', 'dev', 'vxlan10', 'master', 'test-br0'),
    rbridge('fdb', 'add', mac, 'dev', 'vxlan10', 'master'),
    rbridge('fdb', 'add', mac, 'dev', 'vxlan10', 'dst', '10.0.2.3', 'self'),
  ]) t.deepEqual([r.status, r.stderr], [0, '']);
  const gets: Array<[string[], RegExp]> = [
    [['fdb', 'get', mac, 'brport', 'vxlan10'], /dev vxlan10 master test-br0/],
    [['fdb', 'get', mac, 'br', 'test-br0'], /dev vxlan10 master test-br0/],
    [['-d', 'fdb', 'get', mac, 'dev', 'vxlan10', 'self'], /dev vxlan10 dst 10\.0\.2\.3/],
  ];
  for (const [args, want] of gets) {
    const got = rbridge(...args);
    t.is(got.status, 0, args.join(' '));
    t.regex(got.stdout, want);
    t.deepEqual(got, exec('bridge', ['-netns', ns, ...args]), `bridge ${args.join(' ')}`);
  }
});
