// Request parity for ipip and sit (iproute2's link_iptnl.c): every `link add` line sends
// iproute2's RTM_NEWLINK bytes, every default ip sends included (this kernel has neither kind;
// ip sends its request all the same). Changes (`link set ... type sit`) read the tunnel first
// and are compared on the full kernel (test/full/tunnels.test.ts). `6rd-reset` is not compared:
// ip 6.1 crashes on it (get_prefix writes into the string literal "2002::/16").
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests, refusedAsIp } from './parity.js';

test.before(() => assertSandboxed());

const VETH = 'ip link add d0 type veth peer name d1';
const NEWLINK = { setup: VETH, types: ['RTM_NEWLINK'], dropProbe: true };

const LINES: readonly string[] = [
  'ip link add t0 type ipip',
  'ip link add t0 type ipip remote 192.0.2.1 local 192.0.2.2',
  'ip link add t0 type ipip remote 192.0.2.1 local 192.0.2.2 ttl 64 tos 0x10 dev d0',
  'ip link add t0 type ipip remote any local 0.0.0.0 ttl inherit tos inherit',
  'ip link add t0 type ipip mode ipip nopmtudisc',
  'ip link add t0 type ipip mode mplsip pmtudisc hlim 3 tclass 0x1c',
  'ip link add t0 type ipip mode any/ipv4 fwmark 0x10',
  'ip link add t0 type ipip mode ip4ip4 de d0 dsfield 8',
  'ip link add t0 type ipip external',
  'ip link add t0 type ipip mode ipip external remote 192.0.2.1',
  'ip link add t0 type ipip remote 192.0.2.1 encap fou encap-sport auto encap-dport 5555 encap-csum encap-udp6-csum encap-remcsum',
  'ip link add t0 type ipip encap gue encap-sport 1000 encap-dport 2000 noencap-csum noencap-udp6-csum noencap-remcsum',
  'ip link add t0 type ipip encap fou noencap',
  'ip link add t0 type ipip 6rd-prefix 2001:db8::/32 6rd-relay_prefix 192.0.2.0/24',
  'ip link add name t0 mtu 1400 type ipip ttl 10',
  'ip link add t0 type sit',
  'ip link add t0 type sit remote 192.0.2.1 local 192.0.2.2 mode ip6ip',
  'ip link add t0 type sit mode ipv6/ipv4 isatap',
  'ip link add t0 type sit mode any ttl 20 tos inherit dev d0',
  'ip link add t0 type sit 6rd-prefix 2001:db8::/32',
  'ip link add t0 type sit 6rd-prefix 2001:db8:1:2::/64 6rd-relay_prefix 192.0.2.0/24',
  'ip link add t0 type sit 6rd-prefix 2002::1',
  'ip link add t0 type sit external',
  'ip link add t0 type sit encap gue encap-dport 4000 fwmark 7',
];

for (const line of LINES) {
  test(line, (t) => {
    assertSameRequests(t, line, undefined, NEWLINK);
  });
}

// Bad words: ip's message and status, and no RTM_NEWLINK from either tool.
const BAD: readonly string[] = [
  'link add t0 type ipip foo',
  'link add t0 type ipip mode ip6ip',
  'link add t0 type ipip mode gre',
  'link add t0 type sit mode ip6ip6',
  'link add t0 type ipip isatap',
  'link add t0 type ipip ttl 300',
  'link add t0 type ipip ttl 5 nopmtudisc',
  'link add t0 type ipip tos zz',
  'link add t0 type ipip remote 2001:db8::1',
  'link add t0 type ipip local foo',
  'link add t0 type ipip dev nope',
  'link add t0 type ipip encap foo',
  'link add t0 type ipip encap-dport x',
  'link add t0 type ipip fwmark x',
  'link add t0 type sit 6rd-prefix 192.0.2.0/24',
  'link add t0 type sit 6rd-relay_prefix 2001:db8::/32',
  'link add t0 type sit 6rd-prefix 2001:db8::/129',
  'link add t0 type sit ttl',
];

refusedAsIp(BAD);
