/**
 * The kinds iproute2 6.1's tc has modules for (tc/q_*.c, f_*.c, m_*.c). A kind tc knows but
 * rtnl-ts has no plug for is refused by name (tc would read its options; rtnl-ts cannot), where a
 * kind tc does not know either is handled as tc handles an unknown kind.
 */

/** tc's qdisc modules. */
export const TC_KNOWN_QDISCS: ReadonlySet<string> = new Set([
  'atm', 'cake', 'cbq', 'cbs', 'choke', 'clsact', 'codel', 'drr', 'dsmark', 'etf', 'ets', 'bfifo', 'pfifo',
  'pfifo_head_drop', 'pfifo_fast', 'fq', 'fq_codel', 'fq_pie', 'gred', 'hfsc', 'hhf', 'htb', 'ingress', 'mqprio',
  'multiq', 'netem', 'pie', 'plug', 'prio', 'qfq', 'red', 'rr', 'sfb', 'sfq', 'skbprio', 'taprio', 'tbf',
]);

/** tc's filter modules. */
export const TC_KNOWN_FILTERS: ReadonlySet<string> = new Set([
  'basic', 'bpf', 'cgroup', 'flow', 'flower', 'fw', 'matchall', 'route', 'rsvp', 'rsvp6', 'tcindex', 'u32',
]);

/** tc's action modules. */
export const TC_KNOWN_ACTIONS: ReadonlySet<string> = new Set([
  'bpf', 'connmark', 'csum', 'ct', 'ctinfo', 'gact', 'gate', 'ife', 'ipt', 'mirred', 'mpls', 'nat', 'pedit', 'police',
  'sample', 'simple', 'skbedit', 'skbmod', 'tunnel_key', 'vlan', 'xt',
]);
