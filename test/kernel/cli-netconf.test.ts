/**
 * `netconf show` beside ip 6.1 (issue 22): every form in text and JSON, a device, a family, the
 * one-entry request, errors; and ip.netconf against `ip -j netconf`.
 */
import test from 'ava';
import { IpRoute } from '../../src/index.js';
import { asIp, BIN, exec, runIp, type Ran } from './cli-helpers.js';
import { assertSandboxed, ip, ipJson, run, tryRun, uniq } from './_util.js';

const v = uniq('nc');

test.before(() => {
  assertSandboxed();
  ip('link', 'add', v, 'type', 'veth', 'peer', 'name', `${v}p`);
  run('sysctl', ['-qw', `net.ipv4.conf.${v}.rp_filter=2`, `net.ipv4.conf.${v}.forwarding=1`, `net.ipv4.conf.${v}p.rp_filter=1`,
    `net.ipv6.conf.${v}.proxy_ndp=1`]);
});
test.after.always(() => tryRun('ip', ['link', 'del', v]));

const cli = (...args: string[]): Ran => {
  const r = exec(process.execPath, [BIN, ...args]);
  return { ...r, stdout: asIp(r.stdout), stderr: asIp(r.stderr) };
};

for (const args of [
  ['netconf'], ['netconf', 'show'], ['netconf', 'list'], ['netconf', 'lst'], ['-j', 'netconf'], ['-j', '-p', 'netconf'],
  ['-4', 'netconf'], ['-6', 'netconf'], ['-0', 'netconf'], ['-j', '-0', 'netconf'], ['-o', 'netconf'],
  ['netconf', 'show', 'dev', v], ['-j', 'netconf', 'show', 'dev', v], ['-4', 'netconf', 'show', 'dev', v],
  ['-6', 'netconf', 'show', 'dev', v], ['-j', '-4', 'netconf', 'show', 'dev', `${v}p`], ['netconf', 'show', 'dev', 'nosuch0'],
  ['-6', 'netconf', 'show', 'dev', 'nosuch0'], ['netconf', 'show', 'frob'], ['netconf', 'frob'], ['netconf', 'help'],
  ['netconf', 'show', 'dev'],
]) {
  test(`ip ${args.join(' ')}`, (t) => t.deepEqual(cli(...args), runIp(...args)));
}

test('ip.netconf.list and get agree with ip -j netconf', async (t) => {
  await using handle = await IpRoute.open();
  const theirs = ipJson<Record<string, unknown>[]>('netconf');
  const names = new Map((await handle.link.list()).map((l) => [l.ifindex, l.ifname]));
  const ours = (await handle.netconf.list()).map((n) => {
    const o: Record<string, unknown> = { family: n.family, interface: typeof n.ifindex === 'number' ? names.get(n.ifindex) : n.ifindex };
    if (n.forwarding !== undefined) o.forwarding = n.forwarding;
    if (n.rpFilter !== undefined) o.rp_filter = n.rpFilter;
    if (n.mcForwarding !== undefined) o.mc_forwarding = n.mcForwarding;
    if (n.proxyNeigh !== undefined) o.proxy_neigh = n.proxyNeigh;
    if (n.ignoreRoutesWithLinkdown !== undefined) o.ignore_routes_with_linkdown = n.ignoreRoutesWithLinkdown;
    return o;
  });
  t.deepEqual(ours, theirs);
  const one = await handle.netconf.get('inet', v);
  t.like(one, { family: 'inet', forwarding: true, rpFilter: 'loose' });
  t.like(await handle.netconf.get('inet6', v), { family: 'inet6', proxyNeigh: true });
  t.is((await handle.netconf.get('inet', 'all')).ifindex, 'all');
  t.is((await handle.netconf.get('inet6', 'default')).ifindex, 'default');
  t.deepEqual((await handle.netconf.list({ dev: v, family: 'inet' })).map((n) => n.rpFilter), ['loose']);
});
