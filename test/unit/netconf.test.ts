// The netconf codec both ways, on the payload kernel 6.18.44 answered to RTM_GETNETCONF for
// AF_INET, ifindex 3 (a veth with forwarding=1 and rp_filter=2; captured with Conn.get in the
// sandbox, byte for byte the hex below: IFINDEX, FORWARDING, RP_FILTER, MC_FORWARDING,
// BC_FORWARDING, PROXY_NEIGH, IGNORE_ROUTES_WITH_LINKDOWN), and garbage.
import test from 'ava';
import fc from 'fast-check';
import { decodeMessages } from '../../src/netlink/index.js';
import { RTM_NEWNETCONF, decodeNetconfMessage, encodeNetconfMessage } from '../../src/rtnl/netconf/index.js';
import { toNetconf } from '../../src/api/netconf.js';
import { fromHex, onlyDecodeError, toHex } from './_fixtures.js';

const attr = (type: number, v: number) => `0800${type.toString(16).padStart(2, '0')}00${Buffer.from(Int32Array.of(v).buffer).toString('hex')}`;
// nlmsghdr (len 76, RTM_NEWNETCONF, no flags, seq 0, pid 0), netconfmsg AF_INET + padding, 7 attributes.
const PAYLOAD = `02000000${attr(1, 3)}${attr(2, 1)}${attr(3, 2)}${attr(4, 0)}${attr(8, 0)}${attr(5, 0)}${attr(6, 0)}`;
const MESSAGE = `4c000000${'5000'}0000` + '00000000' + '00000000' + PAYLOAD;

test('decode: the typed view of an IPv4 device entry', (t) => {
  const [m] = decodeMessages(fromHex(MESSAGE));
  t.is(m!.header.type, RTM_NEWNETCONF);
  const n = decodeNetconfMessage(m!.payload);
  t.deepEqual(n, {
    header: { family: 2 },
    attrs: { ifindex: 3, forwarding: 1, rpFilter: 2, mcForwarding: 0, bcForwarding: 0, proxyNeigh: 0, ignoreRoutesWithLinkdown: 0 },
  });
  const { raw: _raw, ...typed } = toNetconf(n);
  t.deepEqual(typed, {
    family: 'inet', ifindex: 3, forwarding: true, rpFilter: 'loose', mcForwarding: false, bcForwarding: false, proxyNeigh: false,
    ignoreRoutesWithLinkdown: false,
  });
});

test('encode: the same bytes back (attributes in the kernel\'s order)', (t) => {
  const [m] = decodeMessages(fromHex(MESSAGE));
  t.is(toHex(encodeNetconfMessage(RTM_NEWNETCONF, 0, decodeNetconfMessage(m!.payload))), MESSAGE);
});

test('all, default and unknown values, and unknown attributes kept', (t) => {
  const p = fromHex(`0a000000${attr(1, -1)}${attr(3, 7)}${attr(42, 5)}`);
  const n = decodeNetconfMessage(p);
  t.like(toNetconf(n), { family: 'inet6', ifindex: 'all', rpFilter: 7 });
  t.is(n.attrs.unknown?.length, 1);
  t.is(toHex(encodeNetconfMessage(RTM_NEWNETCONF, 0, n).subarray(16)), toHex(p));
  t.is(toNetconf(decodeNetconfMessage(fromHex(`0a000000${attr(1, -2)}`))).ifindex, 'default');
});

test('garbage throws only DecodeError', (t) => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (b) => onlyDecodeError(() => toNetconf(decodeNetconfMessage(b)))), { numRuns: 3000 });
  t.pass();
});
