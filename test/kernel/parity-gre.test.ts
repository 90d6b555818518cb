// Request parity for the GRE kinds (iproute2's link_gre.c and link_gre6.c): every `link add` line
// sends iproute2's RTM_NEWLINK bytes, every default ip sends included (this kernel has none of
// these kinds; ip sends its request all the same). Changes (`link set ... type gre`) read the
// tunnel first and are compared on the full kernel (test/full/tunnels.test.ts).
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests, refusedAsIp } from './parity.js';

test.before(() => assertSandboxed());

const VETH = 'ip link add d0 type veth peer name d1';
const NEWLINK = { setup: VETH, types: ['RTM_NEWLINK'], dropProbe: true };

const LINES: readonly string[] = [
  'ip link add g0 type gre',
  'ip link add g0 type gre remote 192.0.2.1 local 192.0.2.2',
  'ip link add g0 type gre remote 192.0.2.1 local 192.0.2.2 ttl 64 tos 0x10 dev d0',
  'ip link add g0 type gre remote any local 0.0.0.0 ttl inherit tos inherit',
  'ip link add g0 type gre key 42',
  'ip link add g0 type gre ikey 1.2.3.4 okey 7 seq csum',
  'ip link add g0 type gre key 5 noikey iseq nooseq icsum noocsum',
  'ip link add g0 type gre k 1 i 2 o 3 noseq nocsum',
  'ip link add g0 type gre nopmtudisc ignore-df fwmark 0x10',
  'ip link add g0 type gre pmtudisc noignore-df',
  'ip link add g0 type gre remote 239.1.1.1 local 192.0.2.2',
  'ip link add g0 type gre remote 239.1.1.1 local 192.0.2.2 ikey 9',
  'ip link add g0 type gre external',
  'ip link add g0 type gre remote 192.0.2.1 encap fou encap-sport auto encap-dport 5555 encap-csum encap-udp6-csum encap-remcsum',
  'ip link add g0 type gre encap gue encap-sport 1000 encap-dport 2000 noencap-csum noencap-udp6-csum noencap-remcsum',
  'ip link add g0 type gre encap fou noencap',
  'ip link add name g0 mtu 1400 type gre tos 0x1c hlim 3',
  'ip link add g0 type gretap remote 192.0.2.1 key 3',
  'ip link add g0 type gretap external',
  'ip link add g0 type erspan remote 192.0.2.1 local 192.0.2.2 erspan 123',
  'ip link add g0 type erspan remote 192.0.2.1 local 192.0.2.2 erspan_ver 2 erspan_dir egress erspan_hwid 7',
  'ip link add g0 type erspan remote 192.0.2.1 erspan_ver 0 key 3',
  'ip link add g0 type erspan erspan_ver 2 erspan_dir ingress',
  'ip link add g0 type ip6gre',
  'ip link add g0 type ip6gre remote 2001:db8::1 local 2001:db8::2',
  'ip link add g0 type ip6gre remote 2001:db8::1 local 2001:db8::2 hoplimit 10 encaplimit 7 tclass 0x20 flowlabel 0x12345 dev d0',
  'ip link add g0 type ip6gre encaplimit none tclass inherit flowlabel inherit dscp inherit allow-localremote fwmark inherit',
  'ip link add g0 type ip6gre ttl inherit tos ff fl 5 fwmark 9 noallow-localremote',
  'ip link add g0 type ip6gre key 1 seq csum',
  'ip link add g0 type ip6gre external',
  'ip link add g0 type ip6gre encap fou encap-dport 4000 noencap-udp6-csum',
  'ip link add g0 type ip6gretap remote 2001:db8::1 ikey 4 okey 5',
  'ip link add g0 type ip6erspan remote 2001:db8::1 local 2001:db8::2 erspan 55',
  'ip link add g0 type ip6erspan remote 2001:db8::1 erspan_ver 2 erspan_dir e erspan_hwid 0x3f',
  'ip link add g0 type ip6gre erspan_ver 2',
];

for (const line of LINES) {
  test(line, (t) => {
    assertSameRequests(t, line, undefined, NEWLINK);
  });
}

// Bad words: ip's message and status, and no RTM_NEWLINK from either tool.
const BAD: readonly string[] = [
  'link add g0 type gre foo',
  'link add g0 type gre ttl 300',
  'link add g0 type gre tos zz',
  'link add g0 type gre key x',
  'link add g0 type gre key 1.2.3.4.5',
  'link add g0 type gre remote 2001:db8::1',
  'link add g0 type gre remote 239.1.1.1',
  'link add g0 type gre dev nope',
  'link add g0 type gre encap foo',
  'link add g0 type gre encap-sport x',
  'link add g0 type gre fwmark x',
  'link add g0 type gre erspan 5',
  'link add g0 type erspan erspan 0',
  'link add g0 type erspan erspan_ver 3',
  'link add g0 type erspan erspan_dir up',
  'link add g0 type ip6gre remote 192.0.2.1',
  'link add g0 type ip6gre tclass 0x100',
  'link add g0 type ip6gre flowlabel 0x100000',
  'link add g0 type ip6gre dscp 1',
  'link add g0 type ip6gre encaplimit x',
  'link add g0 type ip6gre pmtudisc',
  'link add g0 type gre ttl',
];

refusedAsIp(BAD);
