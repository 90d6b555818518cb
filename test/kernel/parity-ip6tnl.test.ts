// Request parity for ip6tnl (iproute2's link_ip6tnl.c): every `link add` line sends iproute2's
// RTM_NEWLINK bytes, every default ip sends included (hop limit 64, encapsulation limit 4, UDP6
// checksums; this kernel has no ip6tnl, ip sends its request all the same). Changes read the
// tunnel first and are compared on the full kernel (test/full/tunnels2.test.ts). ip 6.1 reads a
// bad `encaplimit` into an undefined byte and sends it: rtnl-ts refuses it (not compared).
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests, refusedAsIp } from './parity.js';

test.before(() => assertSandboxed());

const VETH = 'ip link add d0 type veth peer name d1';
const NEWLINK = { setup: VETH, types: ['RTM_NEWLINK'], dropProbe: true };

const LINES: readonly string[] = [
  'ip link add t0 type ip6tnl',
  'ip link add t0 type ip6tnl remote 2001:db8::1 local 2001:db8::2',
  'ip link add t0 type ip6tnl remote 2001:db8::1 local 2001:db8::2 mode ip6ip6 hoplimit 10 encaplimit 7 tclass 0x20 flowlabel 0x12345 dev d0',
  'ip link add t0 type ip6tnl mode ipip6 encaplimit none tclass inherit flowlabel inherit dscp inherit allow-localremote fwmark inherit',
  'ip link add t0 type ip6tnl mode ip4ip6 ttl inherit tos ff fl 5 fwmark 9 noallow-localremote',
  'ip link add t0 type ip6tnl mode any/ipv6 hlim 3 tc 1 dsfield 2',
  'ip link add t0 type ip6tnl mode ipv6/ipv6 remote any local ::',
  'ip link add t0 type ip6tnl external',
  'ip link add t0 type ip6tnl mode ip6ip6 external hoplimit 5',
  'ip link add t0 type ip6tnl encap fou encap-sport auto encap-dport 4000 encap-csum noencap-udp6-csum encap-remcsum',
  'ip link add t0 type ip6tnl encap gue noencap encap-sport 99',
  'ip link add t0 type ip6tnl encaplimit 0 fwmark 0x10 encaplimit none encaplimit 3',
  'ip link add name t0 mtu 1400 type ip6tnl de d0',
];

for (const line of LINES) {
  test(line, (t) => {
    assertSameRequests(t, line, undefined, NEWLINK);
  });
}

// Bad words: ip's message and status, and no RTM_NEWLINK from either tool.
const BAD: readonly string[] = [
  'link add t0 type ip6tnl foo',
  'link add t0 type ip6tnl mode ipip',
  'link add t0 type ip6tnl remote 192.0.2.1',
  'link add t0 type ip6tnl local foo',
  'link add t0 type ip6tnl hoplimit 300',
  'link add t0 type ip6tnl tclass 0x100',
  'link add t0 type ip6tnl flowlabel 0x100000',
  'link add t0 type ip6tnl dscp 1',
  'link add t0 type ip6tnl fwmark x',
  'link add t0 type ip6tnl dev nope',
  'link add t0 type ip6tnl encap foo',
  'link add t0 type ip6tnl pmtudisc',
  'link add t0 type ip6tnl mode',
];

refusedAsIp(BAD);
