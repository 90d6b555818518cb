/**
 * Request parity for `rtnl-ts tc`: each iproute2 `tc` line and the same words through rtnl-ts
 * send the same netlink requests (seq and port masked), captured with strace in a fresh
 * namespace each. tc sends its request even when this kernel lacks the kind (netem, sfq,
 * fq_codel, fq, prio), so this covers those encoders here.
 */
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

const SETUP = 'ip link add d0 type veth peer name d1; ip link add ifb0 type ifb';
const QDISC = { setup: SETUP, types: ['RTM_NEWQDISC', 'RTM_DELQDISC', 'RTM_GETQDISC'] };
const CLASS = { setup: SETUP, types: ['RTM_NEWTCLASS', 'RTM_DELTCLASS', 'RTM_GETTCLASS'] };

const QDISC_LINES: readonly string[] = [
  'tc qdisc add dev d0 root tbf rate 1mbit burst 32kb latency 50ms',
  'tc qdisc add dev d0 root handle 1: tbf rate 10gbit burst 32kb/8 limit 100kb peakrate 20gbit mtu 2000/16 mpu 64 overhead 4 linklayer atm',
  'tc qdisc change dev d0 root handle 1: tbf rate 2mbit buffer 20k latency 10ms minburst 1540 peakrate 3mbit',
  'tc qdisc add dev d0 root netem delay 100ms 10ms loss 1%',
  'tc qdisc add dev d0 root netem delay 100ms 10ms 25% distribution normal loss random 1% 10% duplicate 2% 3% corrupt 0.1% reorder 25% 50% gap 5 rate 1mbit 20 100 -5 slot 1ms 5ms packets 10 bytes 10kb',
  'tc qdisc add dev d0 root netem delay 10ms reorder 1% duplicate 5% 10%',
  'tc qdisc add dev d0 root netem limit 2k delay 1s 100ms distribution pareto rate 10gbit',
  'tc qdisc add dev d0 root netem loss state 1% 2% 3% 4% 5% ecn',
  'tc qdisc add dev d0 root netem loss gemodel 1% 10% 70% 0.1%',
  'tc qdisc add dev d0 root netem drop 5 0.5',
  'tc qdisc add dev d0 root netem slot distribution paretonormal 10ms 2ms bytes 1500',
  'tc qdisc replace dev d0 root netem delay 50ms',
  'tc qdisc add dev d0 root pfifo limit 100', 'tc qdisc add dev d0 root bfifo limit 10kb', 'tc qdisc add dev d0 root pfifo_head_drop',
  'tc qdisc add dev d0 root prio bands 5 priomap 0 1 2 3 4 multiqueue', 'tc qdisc add dev d0 root prio',
  'tc qdisc add dev d0 root sfq perturb 10 quantum 1514 limit 100 depth 20 headdrop divisor 1024 flows 64',
  'tc qdisc add dev d0 root sfq redflowlimit 100000 ecn harddrop probability 0.1 min 10000 max 30000 avpkt 1000',
  'tc qdisc add dev d0 root fq_codel limit 1000 flows 1024 quantum 1514 target 5ms interval 100ms ecn ce_threshold 1ms ce_threshold_selector 0x1/0xff memory_limit 32mb drop_batch 64',
  'tc qdisc add dev d0 root fq_codel noecn',
  'tc qdisc add dev d0 root fq limit 100 flow_limit 10 quantum 3000 initial_quantum 15000 maxrate 1gbit buckets 1000 nopacing refill_delay 40ms low_rate_threshold 550kbit orphan_mask 1023 timer_slack 10us ce_threshold 4ms horizon 10s horizon_drop defrate 1mbit',
  'tc qdisc add dev d0 root fq pacing horizon_cap',
  'tc qdisc add dev d0 ingress', 'tc qdisc add dev d0 clsact', 'tc qdisc del dev d0 ingress', 'tc qdisc del dev d0 clsact',
  'tc qdisc add dev d0 handle ffff: ingress', 'tc qdisc add dev d0 ingress_block 5 ingress',
  'tc qdisc add dev d0 root handle 1: htb default 10 r2q 5 direct_qlen 100 offload',
  'tc qdisc add dev d0 root handle 1: htb', 'tc qdisc replace dev d0 root noqueue', 'tc qdisc change dev d0 root handle 1: pfifo limit 10',
  'tc qdisc add dev d0 root foo', 'tc qdisc add dev d0 root estimator 1s 8s pfifo', 'tc qdisc add dev d0 root est 250ms 2s bfifo',
  'tc qdisc del dev d0 root', 'tc qdisc show dev d0', 'tc qdisc show', 'tc qdisc show invisible',
  'tc qdisc add dev d0 parent 1:10 handle 10: pfifo_fast', 'tc qdisc link dev d0 parent 1:1 handle 10:',
  'tc qdisc add dev ifb0 root tbf rate 1mbit burst 32kb latency 50ms',
];

for (const line of QDISC_LINES) {
  test(`same requests: ${line}`, (t) => {
    assertSameRequests(t, line, undefined, QDISC);
  });
}

const CLASS_LINES: readonly string[] = [
  'tc class add dev d0 parent 1: classid 1:10 htb rate 10mbit ceil 20mbit burst 15k cburst 20k prio 2 quantum 1500 mtu 9000 mpu 64 overhead 10',
  'tc class add dev d0 parent 1: classid 1:10 htb rate 100gbit',
  'tc class change dev d0 parent 1:1 classid 1:10 htb rate 1mbit linklayer atm burst 10k/8',
  'tc class replace dev d0 parent 1: classid 1:2 estimator 1s 4s htb rate 5mbit ceil 50gbit',
  'tc class del dev d0 classid 1:10', 'tc class del dev d0 parent 1: classid 1:10',
  'tc class show dev d0', 'tc class show dev d0 parent 1:1',
];

for (const line of CLASS_LINES) {
  test(`same requests: ${line}`, (t) => {
    assertSameRequests(t, line, undefined, CLASS);
  });
}
