/**
 * The CLI's word reader: iproute2's abbreviation rule and order of precedence, the argument
 * cursor's errors, -batch line splitting, global options, and the link words' grammar and
 * error messages (with ip's exit statuses). No privilege needed.
 */
import test from 'ava';
import { batchLines, lookup, matches, splitLine, Words } from '../../src/cli/words.js';
import { objectFor, parseOptions } from '../../src/cli/main.js';
import type { Globals } from '../../src/cli/context.js';
import { CliExit, CliFailure } from '../../src/cli/errors.js';
import { parseLinkWords, parseLladdr } from '../../src/cli/link-args.js';
import { cliKind } from '../../src/cli/kinds/index.js';
import type { IpRoute } from '../../src/api/iproute.js';
import { parseInteger, parseUnsigned } from '../../src/cli/numbers.js';
import { renameProgram } from '../../src/cli/usage.js';
import { report } from '../../src/cli/report.js';
import { NetlinkError, SyscallError } from '../../src/netlink/errors.js';
import { NoSuchDeviceError } from '../../src/api/errors.js';

function globals(): Globals {
  return {
    json: false, pretty: false, details: 0, stats: 0, brief: false, oneline: false, human: false, iec: false,
    family: undefined, netns: undefined, force: false, all: false, batch: false, timestamp: 0, timestampShort: false,
  };
}

test('a word matches a keyword it is a non-empty prefix of', (t) => {
  t.true(matches('l', 'link'));
  t.true(matches('link', 'link'));
  t.false(matches('links', 'link'));
  t.false(matches('', 'link'));
  t.false(matches('k', 'link'));
});

test('abbreviations resolve in ip order of precedence', (t) => {
  t.is(objectFor('a'), 'address');
  t.is(objectFor('addr'), 'address');
  t.is(objectFor('addrl'), 'addrlabel');
  t.is(objectFor('l'), 'link');
  t.is(objectFor('n'), 'neighbor');
  t.is(objectFor('net'), 'netns');
  t.is(objectFor('netc'), 'netconf');
  t.is(objectFor('m'), 'maddress');
  t.is(objectFor('mo'), 'monitor');
  t.is(objectFor('r'), 'route');
  t.is(objectFor('x'), 'xfrm');
  t.is(objectFor('zzz'), undefined);
  // `ip link s` is set (tried before show), `ip link l` is show (lst), `ip addr s` is show.
  t.is(lookup('s', ['add', 'set', 'change', 'replace', 'delete', 'show', 'lst', 'list']), 'set');
  t.is(lookup('l', ['add', 'set', 'change', 'replace', 'delete', 'show', 'lst', 'list']), 'lst');
  t.is(lookup('s', ['add', 'change', 'replace', 'delete', 'list', 'show', 'lst']), 'show');
});

test('the cursor says "Command line is not complete" past the last word', (t) => {
  const w = new Words(['dev']);
  const e = t.throws(() => w.next(), { instanceOf: CliExit });
  t.is(e.message, 'Command line is not complete. Try option "help"');
  t.is(e.status, 255);
});

test('global options: abbreviations, repeats and their order', (t) => {
  const g = globals();
  const { rest, batchFile } = parseOptions(['-s', '-stat', '-d', '-j', '-p', '-br', '-o', '-4', '-n', 'ns0', '--', 'link'], g);
  t.deepEqual(rest, ['link']);
  t.is(batchFile, undefined);
  t.is(g.stats, 2);
  t.is(g.details, 1);
  t.true(g.json && g.pretty && g.brief && g.oneline);
  t.is(g.family, 'inet');
  t.is(g.netns, 'ns0');
  // -b is -batch (it comes before -brief), -h is -human (before -help), -6 overrides -4.
  const g2 = globals();
  t.is(parseOptions(['-b', 'file', '-force', '-6'], g2).batchFile, 'file');
  t.true(g2.force);
  t.is(g2.family, 'inet6');
  const g3 = globals();
  parseOptions(['-h', 'link'], g3);
  t.true(g3.human);
  t.is(t.throws(() => parseOptions(['-help'], globals()), { instanceOf: CliExit }).status, 255);
  const e = t.throws(() => parseOptions(['-x', 'link'], globals()), { instanceOf: CliExit });
  t.is(e.message, 'Option "-x" is unknown, try "rtnl-ts -help".');
  t.true(parseOptions(['-V'], globals()).version);
  // -t is -timestamp, -ts is -tshort (which counts as a timestamp too).
  const g4 = globals();
  parseOptions(['-t', '-ts', 'monitor'], g4);
  t.is(g4.timestamp, 2);
  t.true(g4.timestampShort);
});

test('batch lines: comments, continuations, quotes, line numbers', (t) => {
  const lines = batchLines('link show\n# comment only\naddr add 10.0.0.1/24 \\\n dev lo # trailing\n\nnetns list');
  t.deepEqual(lines, [
    { line: 1, text: 'link show' },
    { line: 2, text: '' },
    { line: 4, text: 'addr add 10.0.0.1/24  dev lo ' },
    { line: 5, text: '' },
    { line: 6, text: 'netns list' },
  ]);
  t.deepEqual(splitLine(`link set dev x alias "a b" name 'c'`), ['link', 'set', 'dev', 'x', 'alias', 'a b', 'name', 'c']);
  t.deepEqual(splitLine('   '), []);
  t.is(splitLine('alias "open'), null);
});

test('link words: name and dev, flags, and ip\'s errors', (t) => {
  const p = parseLinkWords(new Words(['dev', 'veth0', 'up', 'mtu', '1400', 'master', 'docker0', 'name', 'eth0']), false);
  t.is(p.dev, 'veth0');
  t.is(p.name, 'eth0');
  t.true(p.up);
  t.is(p.mtu, 1400);
  t.is(p.master, 'docker0');
  const bare = parseLinkWords(new Words(['veth001', 'type', 'veth', 'peer', 'name', 'veth002']), true);
  t.is(bare.name, 'veth001');
  t.is(bare.dev, 'veth001');
  t.is(bare.type, 'veth');
  t.is(parseLinkWords(new Words(['x', 'nomaster']), false).master, null);
  const dup = t.throws(() => parseLinkWords(new Words(['dev', 'a', 'dev', 'b']), false), { instanceOf: CliExit });
  t.is(dup.message, 'Error: either "dev" is duplicate, or "b" is a garbage.');
  const mtu = t.throws(() => parseLinkWords(new Words(['x', 'mtu', 'abc']), false), { instanceOf: CliExit });
  t.is(mtu.message, 'Error: argument "abc" is wrong: Invalid "mtu" value\n');
  t.is(mtu.status, 255);
  const onoff = t.throws(() => parseLinkWords(new Words(['x', 'arp', 'maybe']), false), { instanceOf: CliFailure });
  t.is(onoff.message, 'Error: argument of "arp" must be "on" or "off", not "maybe"');
  t.is(onoff.status, 1);
  const name = t.throws(() => parseLinkWords(new Words(['name', 'way-too-long-ifname']), true), { instanceOf: CliExit });
  t.is(name.message, 'Error: argument "way-too-long-ifname" is wrong: "name" not a valid ifname');
  t.throws(() => parseLinkWords(new Words(['x', 'mtu']), false), { message: 'Command line is not complete. Try option "help"' });
});

/** A kind's words read by its plug, as `link add ... type KIND WORDS` reads them (no device lookups). */
async function kindWords(kind: string, words: string[]): Promise<{ options: object; warning?: string }> {
  const plug = cliKind(kind);
  if (!plug?.parse) throw new Error(`no words for ${kind}`);
  return plug.parse(new Words(words), { ip: {} as IpRoute, op: 'add', kind });
}

test('kind words: veth peer, bridge, macvlan and vlan options, vxlan checks', async (t) => {
  t.deepEqual((await kindWords('veth', ['peer', 'name', 'veth002', 'mtu', '1400'])).options, { peer: { mtu: 1400, name: 'veth002' } });
  t.deepEqual((await kindWords('bridge', ['stp_state', '1', 'forward_delay', '0x10'])).options, { stpState: 1, forwardDelay: 16 });
  t.deepEqual((await kindWords('macvlan', ['mode', 'bridge'])).options, { mode: 'bridge' });
  const vlan = await kindWords('vlan', ['protocol', '802.1ad', 'id', '10', 'gvrp', 'on', 'egress-qos-map', '1:2', '3:4', 'reorder_hdr', 'off']);
  t.deepEqual(vlan.options, { protocol: '802.1ad', id: 10, gvrp: true, egressQosMap: [[1, 2], [3, 4]], reorderHdr: false });
  t.deepEqual(Object.keys(vlan.options), ['protocol', 'id', 'gvrp', 'egressQosMap', 'reorderHdr'], 'word order is kept');
  await t.throwsAsync(kindWords('vlan', ['id', 'x']), { message: 'Error: argument "x" is wrong: id is invalid' });
  await t.throwsAsync(kindWords('vlan', ['gvrp', 'maybe']), { message: 'Error: argument of "gvrp" must be "on" or "off", not "maybe"' });
  await t.throwsAsync(kindWords('vlan', ['frob']), { message: /^vlan: unknown command "frob"\?\nUsage: \.\.\. vlan id VLANID/ });
  const vx = await kindWords('vxlan', ['id', '42', 'nolearning']);
  t.deepEqual(vx.options, { id: 42, learning: false });
  t.regex(vx.warning ?? '', /^vxlan: destination port not specified/);
  t.is((await kindWords('vxlan', ['id', '42', 'dstport', '4789'])).warning, undefined);
  await t.throwsAsync(kindWords('vxlan', ['id', '99999999']), { message: 'Error: argument "99999999" is wrong: invalid id' });
  await t.throwsAsync(kindWords('macvlan', ['mode', 'x']),
    { message: 'Error: argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "x"' });
  t.is(cliKind('ifb')?.parse, undefined, 'ifb takes no words');
});

test('numbers and link-layer addresses are read like iproute2', (t) => {
  t.is(parseUnsigned('0x10'), 16);
  t.is(parseUnsigned('010'), 8);
  t.is(parseUnsigned('-1'), undefined);
  t.is(parseUnsigned('4294967296'), undefined);
  t.is(parseUnsigned('256', 255), undefined);
  t.is(parseInteger('-5'), -5);
  t.is(parseInteger('12abc'), undefined);
  t.is(parseLladdr('2:0:0:0:0:A'), '02:00:00:00:00:0a');
  t.is(t.throws(() => parseLladdr('zz:11')).message, '"zz" is invalid lladdr.');
});

test('usage texts name rtnl-ts and keep their alignment', (t) => {
  const ip = 'Usage: ip address {add|change} IFADDR\n                                [ X ]\n       ip address del IFADDR\nIFADDR := PREFIX\n          [ broadcast ADDR ]\n';
  t.is(renameProgram(ip), 'Usage: rtnl-ts address {add|change} IFADDR\n                                     [ X ]\n       rtnl-ts address del IFADDR\nIFADDR := PREFIX\n          [ broadcast ADDR ]\n');
});

test('errors are reported in iproute2 words, with the capability a refusal needs', (t) => {
  const eperm = report(new NetlinkError({ errno: 1, operation: 'RTM_NEWLINK' }));
  t.is(eperm.status, 2);
  t.false(eperm.exit);
  t.regex(eperm.message, /^RTNETLINK answers: Operation not permitted\nrtnl-ts: this needs CAP_NET_ADMIN/);
  t.is(report(new NetlinkError({ errno: 95, operation: 'RTM_NEWLINK', message: 'Unknown device type' })).message, 'Error: Unknown device type.');
  t.is(report(new NetlinkError({ errno: 17, operation: 'RTM_NEWADDR', message: 'ipv4: Address already assigned.' })).message, 'Error: ipv4: Address already assigned.');
  t.is(report(new NetlinkError({ errno: 17, operation: 'RTM_NEWLINK' })).message, 'RTNETLINK answers: File exists');
  t.regex(report(new SyscallError('mount', 1)).message, /CAP_SYS_ADMIN/);
  const nodev = report(new NoSuchDeviceError('veth9'));
  t.deepEqual(nodev, { message: 'Cannot find device "veth9"', status: 1, exit: false });
  t.deepEqual(report(new CliExit('Command line is not complete. Try option "help"')), { message: 'Command line is not complete. Try option "help"', status: 255, exit: true });
});
