#!/usr/bin/env node
// Writes test/kernel/parity-names.ts: the kernel's names for netlink message types and attribute
// ids, read from the uapi headers (/usr/include/linux, package linux-libc-dev) and compiled with
// gcc so every value is the kernel's own. The request parity harness (test/kernel/parity.ts)
// uses them only to print readable diffs; it compares bytes. To name the attributes of a new
// kind, add its enum's first member to TABLES below and rerun:  node scripts/parity-names.js
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INC = '/usr/include/linux';

/** [table name, header under /usr/include/linux, the first member of its enum]. */
const TABLES = [
  ['RTM', 'rtnetlink.h', 'RTM_BASE'],
  ['IFLA', 'if_link.h', 'IFLA_UNSPEC'],
  ['IFLA_INFO', 'if_link.h', 'IFLA_INFO_UNSPEC'],
  ['IFLA_INET6', 'if_link.h', 'IFLA_INET6_UNSPEC'],
  ['IFLA_INET', 'if_link.h', 'IFLA_INET_UNSPEC'],
  ['IFLA_XDP', 'if_link.h', 'IFLA_XDP_UNSPEC'],
  ['IFLA_BRIDGE', 'if_bridge.h', 'IFLA_BRIDGE_FLAGS'],
  ['IFA', 'if_addr.h', 'IFA_UNSPEC'],
  ['RTA', 'rtnetlink.h', 'RTA_UNSPEC'],
  ['NDA', 'neighbour.h', 'NDA_UNSPEC'],
  ['FRA', 'fib_rules.h', 'FRA_UNSPEC'],
  ['NHA', 'nexthop.h', 'NHA_UNSPEC'],
  ['NETNSA', 'net_namespace.h', 'NETNSA_NONE'],
  ['TCA', 'rtnetlink.h', 'TCA_UNSPEC'],
  ['TCA_ROOT', 'rtnetlink.h', 'TCA_ROOT_UNSPEC'],
  ['TCA_ACT', 'pkt_cls.h', 'TCA_ACT_UNSPEC'],
  ['MDBA_SET_ENTRY', 'if_bridge.h', 'MDBA_SET_ENTRY_UNSPEC'],
  ['BRIDGE_VLANDB', 'if_bridge.h', 'BRIDGE_VLANDB_UNSPEC'],
  ['BRIDGE_VLANDB_ENTRY', 'if_bridge.h', 'BRIDGE_VLANDB_ENTRY_UNSPEC'],
  // link kinds (IFLA_INFO_DATA) and port kinds (IFLA_INFO_SLAVE_DATA)
  ['VETH_INFO', 'veth.h', 'VETH_INFO_UNSPEC'],
  ['IFLA_VLAN', 'if_link.h', 'IFLA_VLAN_UNSPEC'],
  ['IFLA_VLAN_QOS', 'if_link.h', 'IFLA_VLAN_QOS_UNSPEC'],
  ['IFLA_VXLAN', 'if_link.h', 'IFLA_VXLAN_UNSPEC'],
  ['IFLA_MACVLAN', 'if_link.h', 'IFLA_MACVLAN_UNSPEC'],
  ['IFLA_IPVLAN', 'if_link.h', 'IFLA_IPVLAN_UNSPEC'],
  ['IFLA_VRF', 'if_link.h', 'IFLA_VRF_UNSPEC'],
  ['IFLA_BOND', 'if_link.h', 'IFLA_BOND_UNSPEC'],
  ['IFLA_BOND_SLAVE', 'if_link.h', 'IFLA_BOND_SLAVE_UNSPEC'],
  ['IFLA_BR', 'if_link.h', 'IFLA_BR_UNSPEC'],
  ['IFLA_BRPORT', 'if_link.h', 'IFLA_BRPORT_UNSPEC'],
  ['IFLA_GENEVE', 'if_link.h', 'IFLA_GENEVE_UNSPEC'],
  ['IFLA_GRE', 'if_tunnel.h', 'IFLA_GRE_UNSPEC'],
  ['IFLA_IPTUN', 'if_tunnel.h', 'IFLA_IPTUN_UNSPEC'],
  ['IFLA_VTI', 'if_tunnel.h', 'IFLA_VTI_UNSPEC'],
  ['IFLA_MACSEC', 'if_link.h', 'IFLA_MACSEC_UNSPEC'],
  // qdiscs, filters, actions (TCA_OPTIONS)
  ['TCA_NETEM', 'pkt_sched.h', 'TCA_NETEM_UNSPEC'],
  ['NETEM_LOSS', 'pkt_sched.h', 'NETEM_LOSS_UNSPEC'],
  ['TCA_TBF', 'pkt_sched.h', 'TCA_TBF_UNSPEC'],
  ['TCA_HTB', 'pkt_sched.h', 'TCA_HTB_UNSPEC'],
  ['TCA_FQ_CODEL', 'pkt_sched.h', 'TCA_FQ_CODEL_UNSPEC'],
  ['TCA_FQ', 'pkt_sched.h', 'TCA_FQ_UNSPEC'],
  ['TCA_U32', 'pkt_cls.h', 'TCA_U32_UNSPEC'],
  ['TCA_FLOWER', 'pkt_cls.h', 'TCA_FLOWER_UNSPEC'],
  ['TCA_MATCHALL', 'pkt_cls.h', 'TCA_MATCHALL_UNSPEC'],
  ['TCA_BPF', 'pkt_cls.h', 'TCA_BPF_UNSPEC'],
  ['TCA_POLICE', 'pkt_cls.h', 'TCA_POLICE_UNSPEC'],
  ['TCA_GACT', 'tc_act/tc_gact.h', 'TCA_GACT_UNSPEC'],
  ['TCA_MIRRED', 'tc_act/tc_mirred.h', 'TCA_MIRRED_UNSPEC'],
  ['TCA_SKBEDIT', 'tc_act/tc_skbedit.h', 'TCA_SKBEDIT_UNSPEC'],
];

/** The members of the enum whose first member is `first`, in `header`. */
function enumMembers(header, first) {
  const text = readFileSync(path.join(INC, header), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  for (const m of text.matchAll(/enum\s*\w*\s*\{([^}]*)\}/g)) {
    const names = m[1].split(',').map((e) => e.replace(/#.*$/gm, '').trim().split(/[\s=]/)[0]).filter(Boolean);
    if (names[0] === first) return names.filter((n) => !n.startsWith('__') && !/_MAX$/.test(n) && n !== 'RTM_BASE');
  }
  throw new Error(`no enum starting with ${first} in ${header}`);
}

const members = TABLES.map(([name, header, first]) => [name, enumMembers(header, first)]);
const headers = [...new Set(TABLES.map((t) => t[1]))];
const c = [
  '#include <stdio.h>',
  ...headers.map((h) => `#include <linux/${h}>`),
  'int main(void) {',
  ...members.flatMap(([table, names]) => names.map((n) => `  printf("${table} %s %d\\n", "${n}", (int)(${n}));`)),
  '  return 0;',
  '}',
].join('\n');

const dir = mkdtempSync(path.join(tmpdir(), 'parity-names-'));
let out;
try {
  writeFileSync(path.join(dir, 'names.c'), c);
  execFileSync('gcc', ['-o', path.join(dir, 'names'), path.join(dir, 'names.c')], { stdio: 'inherit' });
  out = execFileSync(path.join(dir, 'names'), { encoding: 'utf8' });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const tables = new Map();
for (const line of out.trim().split('\n')) {
  const [table, name, value] = line.split(' ');
  if (!tables.has(table)) tables.set(table, []);
  const entries = tables.get(table);
  const same = entries.find(([v]) => v === Number(value));
  if (same) same[1] += `/${name}`; // an alias (IFLA_IF_NETNSID/IFLA_TARGET_NETNSID): one id, both names
  else entries.push([Number(value), name]);
}
const version = execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'linux-libc-dev'], { encoding: 'utf8' }).trim();
/** One table, its entries wrapped at 100 columns. */
function table(name, entries) {
  const lines = [`  ${name}: {`];
  let line = '   ';
  for (const [v, n] of entries) {
    const item = ` ${v}: '${n}',`;
    if (line.length + item.length > 100) { lines.push(line); line = '   '; }
    line += item;
  }
  lines.push(line, '  },');
  return lines.join('\n');
}
const body = [...tables].map(([name, entries]) => table(name, entries)).join('\n');
writeFileSync(path.join(root, 'test/kernel/parity-names.ts'), `// Generated by scripts/parity-names.js (uapi headers of linux-libc-dev ${version}): do not edit.
/**
 * Kernel names of netlink message types and attribute ids, by enum, for readable request diffs.
 * Aliases share an entry, joined by '/'.
 */
export const NAMES: Readonly<Record<string, Readonly<Record<number, string>>>> = {
${body}
};
`);
console.log(`test/kernel/parity-names.ts: ${tables.size} tables`);
