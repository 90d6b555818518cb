/**
 * The pure half of the request parity harness (test/kernel/parity.ts): netlink requests out of an
 * strace log, masked (nlmsg_seq, nlmsg_pid) and filtered, then compared byte for byte, with a
 * readable diff (message header, family header and the attribute tree, named after the kernel's
 * uapi enums) when they differ. No I/O, no privilege: unit-tested in test/unit/parity.test.ts.
 */
import {
  NLM_F_ACK, NLM_F_APPEND, NLM_F_ATOMIC, NLM_F_CREATE, NLM_F_DUMP_FILTERED, NLM_F_DUMP_INTR, NLM_F_ECHO,
  NLM_F_EXCL, NLM_F_MATCH, NLM_F_MULTI, NLM_F_REPLACE, NLM_F_REQUEST, NLM_F_ROOT, NLMSG_MIN_TYPE,
} from '../../src/netlink/constants.js';
import { NAMES } from './parity-names.js';

/** scripts/strace-netlink.js (plain JS, shared with the fixture capture scripts): strace's hex dumps. */
const { straceDatagrams } = (await import(new URL('../../../scripts/strace-netlink.js', import.meta.url).href)) as {
  straceDatagrams: (trace: string) => { dir: 'send' | 'recv'; hex: string }[];
};

/** One netlink request as sent, with nlmsg_seq and nlmsg_pid zeroed. */
export interface NlRequest {
  /** nlmsg_type. */
  type: number;
  /** nlmsg_flags. */
  flags: number;
  /** The whole message (struct nlmsghdr first), nlmsg_seq and nlmsg_pid masked to 0. */
  bytes: Uint8Array;
}

/** Which requests of a side take part in a comparison. */
export interface SelectOptions {
  /** Only the requests of these message types (kernel names such as 'RTM_NEWLINK', or numbers). */
  types?: readonly (string | number)[];
  /** Leave out iproute2's RTM_NEWLINK support probe, which `ip link` sends before any command. */
  dropProbe?: boolean;
  /** nlmsg_flags bits cleared on both sides before comparing (e.g. NLM_F_ECHO). */
  ignoreFlags?: number;
}

/** struct nlmsghdr: len u32, type u16, flags u16, seq u32, pid u32. */
const NLMSG_HDRLEN = 16;
const NLMSG_SEQ_OFFSET = 8;
const NLMSG_PID_OFFSET = 12;
const NLMSG_FLAGS_OFFSET = 6;
const NLA_HDRLEN = 4;
const NLA_F_NESTED = 0x8000;
const NLA_F_NET_BYTEORDER = 0x4000;
const NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;
const AF_INET = 2;
const AF_BRIDGE = 7;
const AF_INET6 = 10;
/** struct ifinfomsg. */
const IFINFOMSG_LEN = 16;
/** struct tc_netem_qopt: latency, limit, loss, gap, duplicate, jitter (u32 each). */
const TC_NETEM_QOPT_LEN = 24;

/** A kernel enum by name: { IFLA_IFNAME: 3, ... }. */
function ids(table: string): Readonly<Record<string, number>> {
  const names = NAMES[table];
  if (!names) throw new Error(`parity-names has no table ${table}`);
  return Object.fromEntries(Object.entries(names).flatMap(([id, name]) => name.split('/').map((n) => [n, Number(id)])));
}
const RTM = ids('RTM');
const IFLA = ids('IFLA');
const IFLA_INFO = ids('IFLA_INFO');
const TCA = ids('TCA');
const TCA_ACT = ids('TCA_ACT');

/** A message type by kernel name or number; an unknown name is an error (a typo finds nothing). */
export function messageType(t: string | number): number {
  if (typeof t === 'number') return t;
  const n = RTM[t];
  if (n === undefined) throw new Error(`unknown netlink message type ${t}`);
  return n;
}

const le16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const le32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const align4 = (n: number): number => (n + 3) & ~3;

/** The netlink messages of one datagram (a datagram may carry several, as a batch does). */
export function splitMessages(datagram: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let off = 0; off + NLMSG_HDRLEN <= datagram.length;) {
    const len = le32(datagram, off);
    if (len < NLMSG_HDRLEN || off + len > datagram.length) {
      out.push(datagram.subarray(off)); // malformed: kept whole, so the comparison sees it
      break;
    }
    out.push(datagram.subarray(off, off + len));
    off += align4(len);
  }
  return out;
}

/** A copy of a message with nlmsg_seq and nlmsg_pid set to 0 (they differ between any two runs). */
export function maskMessage(msg: Uint8Array): Uint8Array {
  const m = msg.slice();
  if (m.length >= NLMSG_HDRLEN) m.fill(0, NLMSG_SEQ_OFFSET, NLMSG_PID_OFFSET + 4);
  return m;
}

function request(msg: Uint8Array): NlRequest {
  const bytes = maskMessage(msg);
  return { type: bytes.length >= NLMSG_HDRLEN ? le16(bytes, 4) : 0, flags: bytes.length >= NLMSG_HDRLEN ? le16(bytes, 6) : 0, bytes };
}

/** "1234 sendto(...)" (strace -f -o FILE) or "[pid 1234] sendto(...)" (strace -f to stderr). */
const CALL = /^(?:\[pid +(\d+)\] |(\d+) +)?(sendmsg|sendto)\((\d+)(<[^>]*>)?/;
const RESUMED = /^(?:\[pid +(\d+)\] |(\d+) +)?<\.\.\. (sendmsg|sendto) resumed>/;

/**
 * The NETLINK_ROUTE requests of an strace log made with `-f -yy -e trace=sendmsg,sendto
 * -e write=all`, in order, masked. Sends on other sockets are left out; a call interrupted by
 * another thread's ("<unfinished ...>") is taken when it resumes, where strace prints its data.
 */
export function requestsFromTrace(trace: string): NlRequest[] {
  const kept: string[] = [];
  const pending = new Map<string, { line: string; route: boolean }>();
  let keep = false;
  for (const line of trace.split('\n')) {
    const call = CALL.exec(line);
    const resumed = call ? null : RESUMED.exec(line);
    if (call) {
      const pid = call[1] ?? call[2] ?? '';
      const route = (call[5] ?? '').startsWith('<NETLINK:[ROUTE');
      const canon = `${call[3]}(${call[4]}`;
      if (line.includes('<unfinished ...>')) { pending.set(pid, { line: canon, route }); keep = false; continue; }
      keep = route;
      if (keep) kept.push(canon);
    } else if (resumed) {
      const p = pending.get(resumed[1] ?? resumed[2] ?? '');
      pending.delete(resumed[1] ?? resumed[2] ?? '');
      keep = p?.route ?? false;
      if (keep && p) kept.push(p.line);
    } else if (line.startsWith(' | ')) {
      if (keep) kept.push(line);
    } else if (!line.startsWith(' * ')) {
      keep = false; // any other line (a signal, an exit) ends the data of the call before it
    }
  }
  const out: NlRequest[] = [];
  for (const d of straceDatagrams(kept.join('\n'))) {
    for (const msg of splitMessages(Uint8Array.from(Buffer.from(d.hex, 'hex')))) out.push(request(msg));
  }
  return out;
}

/** True for iproute2's probe: RTM_NEWLINK, REQUEST|ACK, a zeroed ifinfomsg and no attribute. */
export function isNewlinkProbe(r: NlRequest): boolean {
  return r.type === RTM.RTM_NEWLINK && r.flags === (NLM_F_REQUEST | NLM_F_ACK)
    && r.bytes.length === NLMSG_HDRLEN + IFINFOMSG_LEN && r.bytes.subarray(NLMSG_HDRLEN).every((b) => b === 0);
}

/** The requests that take part in a comparison, with `ignoreFlags` cleared. */
export function selectRequests(reqs: readonly NlRequest[], opts: SelectOptions = {}): NlRequest[] {
  const types = opts.types?.map(messageType);
  return reqs
    .filter((r) => (types ? types.includes(r.type) : true) && !(opts.dropProbe && isNewlinkProbe(r)))
    .map((r) => {
      if (!opts.ignoreFlags) return r;
      const bytes = r.bytes.slice();
      const flags = r.flags & ~opts.ignoreFlags;
      bytes[NLMSG_FLAGS_OFFSET] = flags & 0xff;
      bytes[NLMSG_FLAGS_OFFSET + 1] = flags >> 8;
      return { type: r.type, flags, bytes };
    });
}

/** Two request lists hold the same bytes. */
export function sameRequests(a: readonly NlRequest[], b: readonly NlRequest[]): boolean {
  return a.length === b.length && a.every((r, i) => Buffer.compare(r.bytes, b[i]!.bytes) === 0);
}

// ---- readable decoding ---------------------------------------------------------------------

/** How to name and descend the attributes of one nest. */
interface Schema {
  /** The NAMES table naming the attribute ids. */
  table?: string;
  /** Bytes of a fixed struct before the attributes (VETH_INFO_PEER's ifinfomsg, netem's qopt). */
  struct?: number;
  /** Children that are nests, by attribute id: their schema, or one chosen by the siblings. */
  nest?: Readonly<Record<number, Schema | ((siblings: Attr[], ctx: Ctx) => Schema | undefined)>>;
  /** Every child is a nest of this schema (lists indexed 1..n, such as tc actions). */
  list?: Schema;
}

interface Attr { type: number; flags: number; value: Uint8Array }
interface Ctx { family: number }

const LINK_KINDS: Readonly<Record<string, string>> = {
  vlan: 'IFLA_VLAN', vxlan: 'IFLA_VXLAN', macvlan: 'IFLA_MACVLAN', macvtap: 'IFLA_MACVLAN', ipvlan: 'IFLA_IPVLAN',
  ipvtap: 'IFLA_IPVLAN', vrf: 'IFLA_VRF', bond: 'IFLA_BOND', bridge: 'IFLA_BR', geneve: 'IFLA_GENEVE', gre: 'IFLA_GRE',
  gretap: 'IFLA_GRE', ip6gre: 'IFLA_GRE', ip6gretap: 'IFLA_GRE', erspan: 'IFLA_GRE', ip6erspan: 'IFLA_GRE',
  ipip: 'IFLA_IPTUN', sit: 'IFLA_IPTUN', ip6tnl: 'IFLA_IPTUN', macsec: 'IFLA_MACSEC', vti: 'IFLA_VTI', vti6: 'IFLA_VTI',
};
const PORT_KINDS: Readonly<Record<string, string>> = { bridge: 'IFLA_BRPORT', bond: 'IFLA_BOND_SLAVE' };
const TC_KINDS: Readonly<Record<string, Schema>> = {
  netem: { table: 'TCA_NETEM', struct: TC_NETEM_QOPT_LEN, nest: { [ids('TCA_NETEM').TCA_NETEM_LOSS!]: { table: 'NETEM_LOSS' } } },
  tbf: { table: 'TCA_TBF' }, htb: { table: 'TCA_HTB' }, fq_codel: { table: 'TCA_FQ_CODEL' }, fq: { table: 'TCA_FQ' },
};

const kindOf = (siblings: Attr[], id: number | undefined): string | undefined => {
  const a = siblings.find((s) => s.type === id);
  return a ? Buffer.from(a.value).toString('latin1').replace(/\0+$/, '') : undefined;
};

const ACTION: Schema = {
  table: 'TCA_ACT',
  nest: {
    [TCA_ACT.TCA_ACT_OPTIONS!]: (s) => {
      const kind = kindOf(s, TCA_ACT.TCA_ACT_KIND);
      return { gact: { table: 'TCA_GACT' }, mirred: { table: 'TCA_MIRRED' }, police: { table: 'TCA_POLICE' }, skbedit: { table: 'TCA_SKBEDIT' } }[kind ?? ''];
    },
  },
};
const ACTIONS: Schema = { list: ACTION };
const FILTER_KINDS: Readonly<Record<string, Schema>> = {
  u32: { table: 'TCA_U32', nest: { [ids('TCA_U32').TCA_U32_ACT!]: ACTIONS, [ids('TCA_U32').TCA_U32_POLICE!]: { table: 'TCA_POLICE' } } },
  flower: { table: 'TCA_FLOWER', nest: { [ids('TCA_FLOWER').TCA_FLOWER_ACT!]: ACTIONS } },
  matchall: { table: 'TCA_MATCHALL', nest: { [ids('TCA_MATCHALL').TCA_MATCHALL_ACT!]: ACTIONS } },
  bpf: { table: 'TCA_BPF', nest: { [ids('TCA_BPF').TCA_BPF_ACT!]: ACTIONS } },
};

const LINKINFO: Schema = {
  table: 'IFLA_INFO',
  nest: {
    [IFLA_INFO.IFLA_INFO_DATA!]: (s) => {
      const kind = kindOf(s, IFLA_INFO.IFLA_INFO_KIND);
      if (kind === 'veth') return { table: 'VETH_INFO', nest: { [ids('VETH_INFO').VETH_INFO_PEER!]: { ...LINK, struct: IFINFOMSG_LEN } } };
      if (kind === 'vlan') {
        const v = ids('IFLA_VLAN');
        return { table: 'IFLA_VLAN', nest: { [v.IFLA_VLAN_EGRESS_QOS!]: { table: 'IFLA_VLAN_QOS' }, [v.IFLA_VLAN_INGRESS_QOS!]: { table: 'IFLA_VLAN_QOS' } } };
      }
      const table = LINK_KINDS[kind ?? ''];
      return table ? { table } : undefined;
    },
    [IFLA_INFO.IFLA_INFO_SLAVE_DATA!]: (s) => {
      const table = PORT_KINDS[kindOf(s, IFLA_INFO.IFLA_INFO_SLAVE_KIND) ?? ''];
      return table ? { table } : undefined;
    },
  },
};
const AF_SPEC_BY_FAMILY: Schema = { nest: { [AF_INET]: { table: 'IFLA_INET' }, [AF_INET6]: { table: 'IFLA_INET6' } } };
const LINK: Schema = {
  table: 'IFLA',
  nest: {
    [IFLA.IFLA_LINKINFO!]: LINKINFO,
    [IFLA.IFLA_AF_SPEC!]: (_s, ctx) => (ctx.family === AF_BRIDGE ? { table: 'IFLA_BRIDGE' } : AF_SPEC_BY_FAMILY),
    [IFLA.IFLA_PROTINFO!]: (_s, ctx) => (ctx.family === AF_BRIDGE ? { table: 'IFLA_BRPORT' } : undefined),
    [IFLA.IFLA_XDP!]: { table: 'IFLA_XDP' },
    [IFLA.IFLA_PROP_LIST!]: { table: 'IFLA' },
  },
};
const TC: Schema = {
  table: 'TCA',
  nest: {
    [TCA.TCA_OPTIONS!]: (s) => {
      const kind = kindOf(s, TCA.TCA_KIND) ?? '';
      return TC_KINDS[kind] ?? FILTER_KINDS[kind];
    },
  },
};

/** The family header of a message type: its name, its fields (name, size) and its attributes. */
interface Family { header: string; fields: [string, 1 | 2 | 4][]; schema: Schema }
const FAMILIES: [string, Family][] = [
  ['LINK', {
    header: 'ifinfomsg',
    fields: [['family', 1], ['pad', 1], ['type', 2], ['index', 4], ['flags', 4], ['change', 4]],
    schema: LINK,
  }],
  ['ADDR', { header: 'ifaddrmsg', fields: [['family', 1], ['prefixlen', 1], ['flags', 1], ['scope', 1], ['index', 4]], schema: { table: 'IFA' } }],
  ['ROUTE', {
    header: 'rtmsg',
    fields: [['family', 1], ['dst_len', 1], ['src_len', 1], ['tos', 1], ['table', 1], ['protocol', 1], ['scope', 1], ['type', 1], ['flags', 4]],
    schema: { table: 'RTA' },
  }],
  ['NEIGH', {
    header: 'ndmsg',
    fields: [['family', 1], ['pad1', 1], ['pad2', 2], ['ifindex', 4], ['state', 2], ['flags', 1], ['type', 1]],
    schema: { table: 'NDA' },
  }],
  ['RULE', {
    header: 'fib_rule_hdr',
    fields: [['family', 1], ['dst_len', 1], ['src_len', 1], ['tos', 1], ['table', 1], ['res1', 1], ['res2', 1], ['action', 1], ['flags', 4]],
    schema: { table: 'FRA' },
  }],
  ...(['QDISC', 'TCLASS', 'TFILTER'] as const).map((f): [string, Family] => [f, {
    header: 'tcmsg',
    fields: [['family', 1], ['pad1', 1], ['pad2', 2], ['ifindex', 4], ['handle', 4], ['parent', 4], ['info', 4]],
    schema: TC,
  }]),
  ['ACTION', { header: 'tcamsg', fields: [['family', 1], ['pad1', 1], ['pad2', 2]], schema: { table: 'TCA_ROOT', nest: { [ids('TCA_ROOT').TCA_ROOT_TAB!]: ACTIONS } } }],
  ['NSID', { header: 'rtgenmsg', fields: [['family', 1], ['pad', 1], ['pad', 2]], schema: { table: 'NETNSA' } }],
  ['NEXTHOP', { header: 'nhmsg', fields: [['family', 1], ['scope', 1], ['protocol', 1], ['resvd', 1], ['flags', 4]], schema: { table: 'NHA' } }],
  ['MDB', { header: 'br_port_msg', fields: [['family', 1], ['pad1', 1], ['pad2', 2], ['ifindex', 4]], schema: { table: 'MDBA_SET_ENTRY' } }],
  ['VLAN', {
    header: 'br_vlan_msg',
    fields: [['family', 1], ['reserved1', 1], ['reserved2', 2], ['ifindex', 4]],
    schema: { table: 'BRIDGE_VLANDB', nest: { [ids('BRIDGE_VLANDB').BRIDGE_VLANDB_ENTRY!]: { table: 'BRIDGE_VLANDB_ENTRY' } } },
  }],
];

/** The family of a message type: RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK and RTM_SETLINK are LINK. */
function familyOf(type: number): Family | undefined {
  const name = NAMES.RTM![type];
  if (!name) return undefined;
  const fam = name.replace(/^RTM_(NEW|DEL|GET|SET)/, '');
  return FAMILIES.find(([f]) => f === fam)?.[1];
}

/** nlmsg_flags as words; the 0x100-0x800 bits read by the verb, as the kernel does. */
export function flagNames(type: number, flags: number): string {
  const verb = (NAMES.RTM![type] ?? '').slice(4, 7);
  const words: [number, string][] = [
    [NLM_F_REQUEST, 'REQUEST'], [NLM_F_MULTI, 'MULTI'], [NLM_F_ACK, 'ACK'], [NLM_F_ECHO, 'ECHO'],
    [NLM_F_DUMP_INTR, 'DUMP_INTR'], [NLM_F_DUMP_FILTERED, 'DUMP_FILTERED'],
    ...(verb === 'GET'
      ? [[NLM_F_ROOT, 'ROOT'], [NLM_F_MATCH, 'MATCH'], [NLM_F_ATOMIC, 'ATOMIC']] as [number, string][]
      : verb === 'NEW' || verb === 'SET'
        ? [[NLM_F_REPLACE, 'REPLACE'], [NLM_F_EXCL, 'EXCL'], [NLM_F_CREATE, 'CREATE'], [NLM_F_APPEND, 'APPEND']] as [number, string][]
        : []),
  ];
  const out: string[] = [];
  let rest = flags;
  for (const [bit, word] of words) if (flags & bit) { out.push(word); rest &= ~bit; }
  if (rest) out.push(`0x${rest.toString(16)}`);
  return out.join('|') || '0';
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex').replace(/(..)(?!$)/g, '$1 ');
}

/** A leaf value: hex, and what it reads as (a C string, or a little-endian number). */
function leaf(v: Uint8Array): string {
  if (v.length === 0) return '(empty)';
  const text = Buffer.from(v).toString('latin1');
  if (v.length > 1 && v[v.length - 1] === 0 && /^[\x20-\x7e]+\0$/.test(text)) return `"${text.slice(0, -1)}\\0"`;
  const printable = v.length > 1 && /^[\x20-\x7e]+$/.test(text);
  const n = v.length === 1 ? ` (${v[0]})` : v.length === 2 ? ` (u16 ${le16(v, 0)}, be ${(v[0]! << 8) | v[1]!})` : v.length === 4 ? ` (u32 ${le32(v, 0)})`
    : v.length === 8 ? ` (u64 ${Buffer.from(v).readBigUInt64LE()})` : '';
  if (printable) return n ? `${hex(v)}${n} "${text}"` : `"${text}"`; // iproute2 sends kinds without a NUL
  if (v.length <= 16) return hex(v) + n;
  const rows: string[] = [];
  for (let i = 0; i < v.length; i += 16) rows.push(hex(v.subarray(i, i + 16)));
  return rows.join('\n');
}

/** The attributes of a buffer, or undefined when it is not a clean sequence of them. */
function parseAttrs(b: Uint8Array): Attr[] | undefined {
  const out: Attr[] = [];
  let off = 0;
  while (off + NLA_HDRLEN <= b.length) {
    const len = le16(b, off);
    if (len < NLA_HDRLEN || off + len > b.length) return undefined;
    const t = le16(b, off + 2);
    out.push({ type: t & NLA_TYPE_MASK, flags: t & ~NLA_TYPE_MASK, value: b.subarray(off + NLA_HDRLEN, off + len) });
    off += align4(len);
  }
  return off >= b.length ? out : undefined; // past the end: the last attribute had no padding
}

function attrLines(b: Uint8Array, schema: Schema, ctx: Ctx, indent: string): string[] {
  const lines: string[] = [];
  let body = b;
  if (schema.struct) {
    lines.push(`${indent}struct (${schema.struct} bytes) ${hex(b.subarray(0, schema.struct))}`);
    body = b.subarray(schema.struct);
  }
  const attrs = parseAttrs(body);
  if (!attrs) return [...lines, ...leaf(body).split('\n').map((l) => `${indent}${l}`)];
  for (const a of attrs) {
    const name = (schema.table ? NAMES[schema.table]?.[a.type] : undefined) ?? (schema.list ? `[${a.type}]` : `attr ${a.type}`);
    const marks = `${a.flags & NLA_F_NESTED ? ' NESTED' : ''}${a.flags & NLA_F_NET_BYTEORDER ? ' NET_BYTEORDER' : ''}`;
    const head = `${indent}${name} (${a.type})${marks} len ${a.value.length + NLA_HDRLEN}`;
    const n = schema.list ?? schema.nest?.[a.type];
    const sub = typeof n === 'function' ? n(attrs, ctx) : n;
    if (sub || a.flags & NLA_F_NESTED) {
      lines.push(head, ...attrLines(a.value, sub ?? {}, ctx, `${indent}  `));
    } else {
      const v = leaf(a.value).split('\n');
      lines.push(`${head}: ${v[0]}`, ...v.slice(1).map((l) => `${indent}  ${l}`));
    }
  }
  return lines;
}

/** One request as readable lines: the message header, the family header, the attribute tree. */
export function decodeRequest(r: NlRequest): string[] {
  const b = r.bytes;
  if (b.length < NLMSG_HDRLEN) return [`short message: ${hex(b)}`];
  const name = NAMES.RTM![r.type] ?? (r.type < NLMSG_MIN_TYPE ? `NLMSG ${r.type}` : `type ${r.type}`);
  const lines = [`${name} flags ${flagNames(r.type, r.flags)} len ${le32(b, 0)}`];
  const fam = familyOf(r.type);
  const payload = b.subarray(NLMSG_HDRLEN);
  const size = fam ? align4(fam.fields.reduce((s, [, n]) => s + n, 0)) : 0;
  if (!fam || payload.length < size) return [...lines, ...leaf(payload).split('\n').map((l) => `  ${l}`)];
  let off = 0;
  const fields = fam.fields.map(([f, n]) => {
    const v = n === 1 ? payload[off]! : n === 2 ? le16(payload, off) : le32(payload, off);
    off += n;
    return `${f} ${v}`;
  });
  lines.push(`  ${fam.header} ${fields.join(' ')}`);
  return [...lines, ...attrLines(payload.subarray(size), fam.schema, { family: payload[0]! }, '  ')];
}

/** The lines of a request list, one block per request. */
export function decodeRequests(reqs: readonly NlRequest[]): string[] {
  return reqs.flatMap((r, i) => [`#${i} ${decodeRequest(r)[0]}`, ...decodeRequest(r).slice(1)]);
}

/** A unified line diff (longest common subsequence) with `context` lines around each change. */
export function lineDiff(a: readonly string[], b: readonly string[], labels: [string, string], context = 3): string {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ops: [' ' | '-' | '+', string][] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { ops.push([' ', a[i]!]); i++; j++; }
    else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push(['-', a[i++]!]);
    else ops.push(['+', b[j++]!]);
  }
  const show = ops.map(() => false);
  ops.forEach(([op], k) => {
    if (op !== ' ') for (let x = Math.max(0, k - context); x <= Math.min(ops.length - 1, k + context); x++) show[x] = true;
  });
  const out = [`--- ${labels[0]}`, `+++ ${labels[1]}`];
  ops.forEach(([op, line], k) => {
    if (!show[k]) return;
    if (k > 0 && !show[k - 1] && out.length > 2) out.push('  ...');
    out.push(`${op} ${line}`);
  });
  return out.join('\n');
}

/** A one-line summary per request: "#0 RTM_NEWLINK flags REQUEST|ACK len 32". */
function summary(reqs: readonly NlRequest[]): string[] {
  return reqs.map((r, i) => `  #${i} ${decodeRequest(r)[0]}`);
}

/**
 * The readable difference between two request lists (undefined when they are the same): how
 * many each side sent, one line per request, and a line diff of the decoded requests.
 */
export function diffRequests(a: readonly NlRequest[], b: readonly NlRequest[], labels: [string, string] = ['ip', 'rtnl-ts']): string | undefined {
  if (sameRequests(a, b)) return undefined;
  return [
    `${labels[0]} sent ${a.length} request(s), ${labels[1]} ${b.length}; they differ.`,
    `${labels[0]}:`, ...(a.length ? summary(a) : ['  (none)']),
    `${labels[1]}:`, ...(b.length ? summary(b) : ['  (none)']),
    lineDiff(decodeRequests(a), decodeRequests(b), labels),
  ].join('\n');
}
