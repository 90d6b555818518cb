/**
 * The CLI printers against iproute2 itself, offline: each fixture of test/fixtures/cli holds the
 * netlink datagrams one `ip ... show` exchanged with the kernel and what ip printed from them
 * (see capture.mjs there). The same bytes, decoded and printed by rtnl-ts, must give the same
 * text or JSON byte for byte. Plus the printer's own contract: one call, text or JSON.
 */
import test from 'ava';
import { decodeMessages, NLM_F_MULTI } from '../../src/netlink/index.js';
import { decodeLinkMessage, toLink, type Link } from '../../src/rtnl/link/index.js';
import { decodeAddrMessage, toAddress, type Address } from '../../src/rtnl/addr/index.js';
import { parseOptions } from '../../src/cli/main.js';
import type { Globals } from '../../src/cli/context.js';
import { renderLinkShow } from '../../src/cli/link.js';
import { renderAddrShow } from '../../src/cli/addr.js';
import { NameCache } from '../../src/cli/names.js';
import { Printer } from '../../src/cli/printer.js';
import { sprintf } from '../../src/cli/format.js';
import { fromHex, loadCapture } from './_fixtures.js';

const RTM_NEWLINK = 16;
const RTM_NEWADDR = 20;

interface CliFixture {
  command: string;
  nsidNames: Record<string, string>;
  datagrams: { dir: 'send' | 'recv'; hex: string }[];
  stdout: string;
}

function globals(): Globals {
  return {
    json: false, pretty: false, details: 0, stats: 0, brief: false, oneline: false, human: false, iec: false,
    family: undefined, netns: undefined, force: false, all: false, batch: false, timestamp: 0, timestampShort: false,
  };
}

/** Decode a fixture: the dumped links and addresses in dump order, and every link seen. */
function decode(fx: CliFixture): { links: Link[]; addrs: Address[]; names: NameCache } {
  const links: Link[] = [];
  const addrs: Address[] = [];
  const names = new NameCache();
  for (const [id, name] of Object.entries(fx.nsidNames)) names.byNsid.set(Number(id), name);
  const seen = new Set<number>();
  for (const d of fx.datagrams) {
    if (d.dir !== 'recv') continue;
    for (const m of decodeMessages(fromHex(d.hex))) {
      if (m.header.type === RTM_NEWLINK) {
        const l = toLink(decodeLinkMessage(m.payload));
        if (!names.byIndex.has(l.ifindex)) names.remember(l.ifindex, l.ifname, l.ifiFlags);
        if (m.header.flags & NLM_F_MULTI && !seen.has(l.ifindex)) {
          seen.add(l.ifindex);
          links.push(l);
        }
      } else if (m.header.type === RTM_NEWADDR && m.header.flags & NLM_F_MULTI) {
        addrs.push(toAddress(decodeAddrMessage(m.payload)));
      }
    }
  }
  return { links, addrs, names };
}

const FIXTURES = [
  'link-d-s-s', 'link-j-p-d-s', 'link-br', 'link-o', 'addr-d-s', 'addr-j-s', 'addr-br', 'addr-o', 'addr-j-br',
];

for (const name of FIXTURES) {
  test(`prints what ip printed: ${name}`, (t) => {
    const fx = loadCapture(`cli/${name}.json`) as unknown as CliFixture;
    const g = globals();
    const { rest } = parseOptions(fx.command.split(' ').slice(1), g);
    const { links, addrs, names } = decode(fx);
    t.true(links.length > 3, 'the fixture holds a link dump');
    const p = new Printer({ json: g.json, pretty: g.pretty, oneline: g.oneline });
    if (rest[0] === 'link') renderLinkShow(p, links, g, names);
    else renderAddrShow(p, { g, family: 0, links, addrs }, names);
    const out = p.take();
    if (g.json) t.deepEqual(JSON.parse(out), JSON.parse(fx.stdout));
    t.is(out, fx.stdout);
  });
}

test('one printer call renders the same field as text or JSON', (t) => {
  const render = (json: boolean): string => {
    const p = new Printer({ json, pretty: false, oneline: false });
    p.begin();
    p.openObject();
    p.int('any', 'ifindex', '%d: ', 7);
    p.string('any', 'ifname', '%s: ', 'veth0');
    p.openArray('any', json ? 'flags' : '<');
    p.string('any', null, '%s,', 'UP');
    p.string('any', null, '%s', 'LOWER_UP');
    p.closeArray('any', '> ');
    p.uint('any', 'mtu', 'mtu %u ', 1500);
    p.string('fp', null, ' brd ', null);
    p.bool('json', 'link_pointtopoint', null, true);
    p.hex0x('any', 'group_fwd_mask', 'group_fwd_mask %#llx ', 0);
    p.raw('gc_timer', '1.05', 'gc_timer    1.05 ');
    p.nl();
    p.closeObject();
    p.end();
    return p.take();
  };
  t.is(render(false), '7: veth0: <UP,LOWER_UP> mtu 1500  brd group_fwd_mask 0 gc_timer    1.05 \n');
  t.is(render(true), '[{"ifindex":7,"ifname":"veth0","flags":["UP","LOWER_UP"],"mtu":1500,"link_pointtopoint":true,"group_fwd_mask":"0","gc_timer":1.05}]\n');
});

test('pretty JSON is laid out like iproute2 json_writer', (t) => {
  const p = new Printer({ json: true, pretty: true, oneline: false });
  p.begin();
  p.openObject();
  p.string('any', 'ifname', null, 'lo');
  p.openArray('json', 'flags');
  p.string('json', null, null, 'UP');
  p.closeArray('json', null);
  p.openArray('json', 'addr_info');
  p.openObject();
  p.int('json', 'prefixlen', null, 8);
  p.closeObject();
  p.closeArray('json', null);
  p.openObject('linkinfo');
  p.closeObject();
  p.closeObject();
  p.end();
  t.is(p.take(), '[ {\n        "ifname": "lo",\n        "flags": [ "UP" ],\n        "addr_info": [ {\n                "prefixlen": 8\n            } ],\n        "linkinfo": {}\n    } ]\n');
});

test('JSON strings are escaped like iproute2 (C escapes only)', (t) => {
  const p = new Printer({ json: true, pretty: false, oneline: false });
  p.string('json', 'ifalias', null, 'a "b"\\\t\né');
  t.is(p.take(), '"ifalias":"a \\"b\\"\\\\\\t\\né"');
});

test('-oneline turns line breaks of a record into backslashes', (t) => {
  const p = new Printer({ json: false, pretty: false, oneline: true });
  p.text('1: lo:');
  p.nl();
  p.text('    link/loopback');
  p.string('fp', null, '%s', '\n');
  t.is(p.take(), '1: lo:\\    link/loopback\n');
});

test('sprintf handles the conversions iproute2 formats use', (t) => {
  t.is(sprintf('%-16s|', 'veth0@if7'), 'veth0@if7       |');
  t.is(sprintf('%-14s ', 'UP'), 'UP             ');
  t.is(sprintf('%4i.%.2i', 3, 5), '   3.05');
  t.is(sprintf('%#llx', 0x8001), '0x8001');
  t.is(sprintf('%#llx', 0), '0');
  t.is(sprintf('%02x', 0x1), '01');
  t.is(sprintf('%*s', 6, 'ab'), '    ab');
  t.is(sprintf('%u', -1), '4294967295');
  t.is(sprintf('%llu', 18446744073709551615n), '18446744073709551615');
  t.is(sprintf('%d%%', 5), '5%');
  t.is(sprintf('%#.2hhx', 4), '0x04');
});
