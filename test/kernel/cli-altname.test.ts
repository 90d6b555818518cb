/**
 * Alternative names (issue 22): `link property add/del ... altname NAME`, through the library
 * and the CLI beside ip 6.1 (output, status, the names left on the device, the request bytes),
 * and altnames in `link show`.
 */
import test from 'ava';
import { IpRoute, InvalidArgumentError } from '../../src/index.js';
import { BIN, exec, sandwich, type Ran } from './cli-helpers.js';
import { assertSameRequests } from './parity.js';
import { assertSandboxed, ip, ipJson, run, tryRun, uniq } from './_util.js';

test.before(() => assertSandboxed());

const altnamesIn = (ns: string): unknown => exec('ip', ['-n', ns, '-j', 'link', 'show', 'v0']).stdout;

/** The same setup in two namespaces; ARGS through ip in one and rtnl-ts in the other. */
function twin(t: import('ava').ExecutionContext, setup: string[], args: string[]): void {
  const a = uniq('aa');
  const b = uniq('ab');
  try {
    for (const ns of [a, b]) {
      run('ip', ['netns', 'add', ns]);
      run('ip', ['-n', ns, '-batch', '-'], [...setup, 'link set v0 address 02:00:00:00:00:01', 'link set v1 address 02:00:00:00:00:02'].join('\n') + '\n');
    }
    const theirs: Ran = exec('ip', ['-n', a, ...args]);
    const ours: Ran = exec(process.execPath, [BIN, '-n', b, ...args]);
    t.deepEqual({ ...ours, stderr: ours.stderr.replaceAll('rtnl-ts', 'ip') }, theirs, args.join(' '));
    t.is(altnamesIn(b), altnamesIn(a), `altnames after ${args.join(' ')}`);
  } finally {
    tryRun('ip', ['netns', 'del', a]);
    tryRun('ip', ['netns', 'del', b]);
  }
}

const VETH = ['link add v0 type veth peer name v1'];
const WITH = [...VETH, 'link property add dev v0 altname alt0 altname alt1'];
const LONG = 'x'.repeat(130);

for (const [setup, args] of [
  [VETH, ['link', 'property', 'add', 'dev', 'v0', 'altname', 'alt0', 'altname', 'alt1']],
  [VETH, ['link', 'prop', 'a', 'v0', 'alt', 'alt0']],
  [VETH, ['link', 'property', 'add', 'dev', 'v0', 'altname', 'a:b']],
  [VETH, ['link', 'property', 'add', 'dev', 'v0']],
  [WITH, ['link', 'property', 'add', 'dev', 'v0', 'altname', 'alt0']],
  [WITH, ['link', 'property', 'add', 'dev', 'v1', 'altname', 'alt1']],
  [WITH, ['link', 'property', 'del', 'dev', 'v0', 'altname', 'alt1']],
  [WITH, ['link', 'property', 'del', 'dev', 'alt0', 'altname', 'alt0']],
  [WITH, ['link', 'property', 'del', 'dev', 'v0', 'altname', 'nope']],
  [VETH, ['link', 'property', 'add', 'dev', 'v0', 'altname', 'a/b']],
  [VETH, ['link', 'property', 'add', 'dev', 'v0', 'altname', LONG]],
  [VETH, ['link', 'property', 'add', 'altname', 'x']],
  [VETH, ['link', 'property', 'add', 'dev', 'v0', 'dev', 'v1']],
  [VETH, ['link', 'property', 'add', 'dev', 'nosuch', 'altname', 'x']],
  [VETH, ['link', 'property', 'add', 'dev', 'v0', 'altname']],
  [VETH, ['link', 'property']],
  [VETH, ['link', 'property', 'frob']],
  [VETH, ['link', 'property', 'help']],
  [WITH, ['link', 'set', 'alt0', 'mtu', '1400']],
  [WITH, ['link', 'show', 'v0']],
  [WITH, ['-j', 'link', 'show', 'alt1']],
  [WITH, ['-d', 'link', 'show', 'dev', 'alt0']],
] as [string[], string[]][]) {
  test(`ip ${args.join(' ').slice(0, 80)}`, (t) => twin(t, setup, args));
}

test('link show with altnames, text and JSON, in the same namespace as ip', (t) => {
  const v = uniq('an');
  ip('link', 'add', v, 'type', 'veth', 'peer', 'name', `${v}p`);
  try {
    ip('link', 'property', 'add', 'dev', v, 'altname', `${v}-long-alternative-name`, 'altname', `${v}x`);
    for (const args of [['link', 'show', v], ['-j', 'link', 'show', v], ['-br', 'link', 'show', v], ['-o', 'link', 'show', v]]) {
      const { ip: theirs, cli } = sandwich(args);
      t.deepEqual(cli, theirs, args.join(' '));
    }
  } finally {
    tryRun('ip', ['link', 'del', v]);
  }
});

test('the request bytes are ip\'s: add and del', (t) => {
  const setup = 'ip link add v0 type veth peer name v1';
  assertSameRequests(t, 'ip link property add dev v0 altname alt0 altname alt1', undefined, { setup, types: ['RTM_NEWLINKPROP'] });
  assertSameRequests(t, 'ip link property del dev v0 altname alt0', undefined, {
    setup: `${setup}; ip link property add dev v0 altname alt0`, types: ['RTM_DELLINKPROP'],
  });
});

test('the library: addAltnames / delAltnames, names checked before any request', async (t) => {
  const v = uniq('al');
  ip('link', 'add', v, 'type', 'veth', 'peer', 'name', `${v}p`);
  try {
    await using handle = await IpRoute.open();
    await handle.link.addAltnames(v, [`${v}-a`, `${v}-b`]);
    t.deepEqual(ipJson('link', 'show', v)[0].altnames, [`${v}-a`, `${v}-b`]);
    t.deepEqual((await handle.link.get(`${v}-b`)).altnames, [`${v}-a`, `${v}-b`]);
    await handle.link.delAltnames(`${v}-a`, [`${v}-a`]);
    t.deepEqual(ipJson('link', 'show', v)[0].altnames, [`${v}-b`]);
    for (const bad of ['', 'a b', 'a/b', 'a\0b']) await t.throwsAsync(handle.link.addAltnames(v, [bad]), { instanceOf: InvalidArgumentError }, bad);
    const e = await t.throwsAsync(handle.link.addAltnames(`${v}p`, [`${v}-b`]));
    t.is((e as { code?: string }).code, 'EEXIST');
  } finally {
    tryRun('ip', ['link', 'del', v]);
  }
});
