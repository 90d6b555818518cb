/**
 * The words after `type KIND` in `ip link add` (each kind's parse_opt in ip/link_veth.c,
 * ip/iplink_bridge.c, ip/iplink_vxlan.c, ip/iplink_macvlan.c), read into the API's spec fields.
 * Kinds without options (ifb, ...) take no words.
 */
import type { BridgeSpec, MacvlanMode, VethPeerSpec, VxlanSpec } from '../api/link-types.js';
import { CliExit, CliFailure, duparg, invarg } from './errors.js';
import { parseLinkWords } from './link-args.js';
import { parseUnsigned } from './numbers.js';
import { KIND_HELP } from './usage.js';
import { matches, type Words } from './words.js';

/** Kind options in the API's shape, plus names to resolve (vxlan "dev"). */
export type KindFields = Record<string, unknown>;

const BRIDGE_U32 = ['forward_delay', 'hello_time', 'max_age', 'ageing_time', 'stp_state'] as const;
const BRIDGE_FLAGS = [
  ['vlan_filtering', 'vlanFiltering'], ['mcast_snooping', 'mcastSnooping'], ['mcast_querier', 'mcastQuerier'],
  ['nf_call_iptables', 'nfCallIptables'], ['nf_call_ip6tables', 'nfCallIp6tables'], ['nf_call_arptables', 'nfCallArptables'],
] as const;

const camel = (s: string): string => s.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());

function explain(kind: string): string {
  return (KIND_HELP[kind] ?? '').replace(/\n$/, '');
}

function parseBridge(words: Words): Partial<BridgeSpec> {
  const r: Record<string, unknown> = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    const u32 = BRIDGE_U32.find((k) => matches(w, k));
    const flag = BRIDGE_FLAGS.find(([k]) => matches(w, k));
    if (u32) {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg(`invalid ${u32}`, v);
      r[camel(u32)] = n;
    } else if (matches(w, 'priority')) {
      const v = words.next();
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('invalid priority', v);
      r.priority = n;
    } else if (flag) {
      const v = words.next();
      const n = parseUnsigned(v, 0xff);
      if (n === undefined) throw invarg(`invalid ${flag[0]}`, v);
      r[flag[1]] = n;
    } else if (matches(w, 'vlan_protocol')) {
      const v = words.next();
      if (v !== '802.1Q' && v !== '802.1ad') throw invarg('invalid vlan_protocol', v);
      r.vlanProtocol = v;
    } else if (matches(w, 'vlan_default_pvid')) {
      const v = words.next();
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('invalid vlan_default_pvid', v);
      r.vlanDefaultPvid = n;
    } else if (matches(w, 'group_fwd_mask')) {
      const v = words.next();
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('invalid group_fwd_mask', v);
      r.groupFwdMask = n;
    } else if (matches(w, 'help')) {
      throw new CliExit(explain('bridge'));
    } else {
      throw new CliFailure(`bridge: unknown command "${w}"?\n${explain('bridge')}`, 1);
    }
  }
  return r as Partial<BridgeSpec>;
}

function ipv4(text: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  return !!m && m.slice(1).every((x) => Number(x) <= 255);
}

function inetAddr(text: string): 'inet' | 'inet6' {
  if (ipv4(text)) return 'inet';
  if (text.includes(':') && /^[0-9a-fA-F:.]+$/.test(text)) return 'inet6';
  throw new CliExit(`Error: any valid address is expected rather than "${text}".`, 1);
}

function isMulticast(text: string): boolean {
  return inetAddr(text) === 'inet' ? Number(text.split('.')[0]) >= 224 && Number(text.split('.')[0]) <= 239 : /^ff/i.test(text);
}

/**
 * vxlan's words; `dev` stays a name in the result (the command resolves it before printing the
 * `warning`, as ip looks it up while reading the words).
 */
function parseVxlan(words: Words): { fields: Partial<VxlanSpec>; warning?: string } {
  const r: Partial<VxlanSpec> = {};
  const seen = new Set<string>();
  const once = (key: string, v: string): void => {
    if (seen.has(key)) throw duparg(key, v);
    seen.add(key);
  };
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'id') || matches(w, 'vni')) {
      const v = words.next();
      once('id', v);
      const n = parseUnsigned(v);
      if (n === undefined || n >= 1 << 24) throw invarg('invalid id', v);
      r.id = n;
    } else if (matches(w, 'group') || matches(w, 'remote')) {
      const group = matches(w, 'group');
      if ((group && r.remote !== undefined) || (!group && r.group !== undefined)) {
        throw new CliFailure('vxlan: both group and remote cannot be specified', 1);
      }
      const v = words.next();
      once('group', v);
      if (group !== isMulticast(v)) throw invarg(group ? 'invalid group address' : 'invalid remote address', v);
      if (group) r.group = v;
      else r.remote = v;
    } else if (matches(w, 'local')) {
      const v = words.next();
      once('local', v);
      if (isMulticast(v)) throw invarg('invalid local address', v);
      r.local = v;
    } else if (matches(w, 'dev')) {
      const v = words.next();
      once('dev', v);
      r.dev = v;
    } else if (matches(w, 'ttl') || matches(w, 'hoplimit')) {
      const v = words.next();
      once('ttl', v);
      if (v === 'auto') r.ttl = 0;
      else {
        const n = parseUnsigned(v);
        if (n === undefined) throw invarg('invalid TTL', v);
        if (n > 255) throw invarg('TTL must be <= 255', v);
        r.ttl = n;
      }
    } else if (matches(w, 'tos') || matches(w, 'dsfield')) {
      const v = words.next();
      once('tos', v);
      const n = v === 'inherit' ? 1 : parseUnsigned(v, 0xff);
      if (n === undefined) throw invarg('bad TOS value', v);
      r.tos = n;
    } else if (matches(w, 'ageing')) {
      const v = words.next();
      once('ageing', v);
      const n = v === 'none' ? 0 : parseUnsigned(v);
      if (n === undefined) throw invarg('ageing timer', v);
      r.ageing = n;
    } else if (matches(w, 'port') || matches(w, 'srcport')) {
      const lo = words.next();
      once('srcport', lo);
      const low = parseUnsigned(lo, 0xffff);
      if (low === undefined) throw invarg('min port', lo);
      const hi = words.next();
      const high = parseUnsigned(hi, 0xffff);
      if (high === undefined) throw invarg('max port', hi);
      if (low || high) r.srcport = [low, high];
    } else if (matches(w, 'dstport')) {
      const v = words.next();
      once('dstport', v);
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('dst port', v);
      r.dstport = n;
    } else if (matches(w, 'nolearning') || matches(w, 'learning')) {
      once('learning', w);
      r.learning = !matches(w, 'nolearning');
    } else if (matches(w, 'udpcsum') || matches(w, 'noudpcsum')) {
      once('udpcsum', w);
      r.udpCsum = matches(w, 'udpcsum');
    } else if (matches(w, 'help')) {
      throw new CliFailure(explain('vxlan'), 1);
    } else {
      throw new CliFailure(`vxlan: unknown command "${w}"?\n${explain('vxlan')}`, 1);
    }
  }
  if (r.id === undefined) throw new CliFailure('vxlan: missing virtual network identifier', 1);
  if (r.group !== undefined && r.dev === undefined) throw new CliFailure("vxlan: 'group' requires 'dev' to be specified", 1);
  if (r.dstport === undefined) {
    return {
      fields: r,
      warning: 'vxlan: destination port not specified\nWill use Linux kernel default (non-standard value)\n'
        + "Use 'dstport 4789' to get the IANA assigned value\nUse 'dstport 0' to get default and quiet this message",
    };
  }
  return { fields: r };
}

const MACVLAN_MODES = ['private', 'vepa', 'bridge', 'passthru', 'source'];

function parseMacvlan(words: Words): { mode?: MacvlanMode } {
  const r: { mode?: MacvlanMode } = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'mode')) {
      const v = words.next();
      if (!MACVLAN_MODES.includes(v)) {
        throw new CliFailure(`Error: argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "${v}"`, 1);
      }
      r.mode = v as MacvlanMode;
    } else if (matches(w, 'help')) {
      throw new CliFailure(explain('macvlan'), 1);
    } else {
      throw new CliFailure(`macvlan: unknown command "${w}"?\n${explain('macvlan')}`, 1);
    }
  }
  return r;
}

/** veth's words: "peer" then link words for the other end. */
function parseVeth(words: Words): { peer?: VethPeerSpec; peerUnsupported: string[] } {
  if (words.cur !== 'peer') throw new CliFailure(explain('veth'), 1);
  words.skip();
  const start = words.pos;
  const p = parseLinkWords(words, true);
  if (p.type !== undefined) throw duparg('type', words.rest()[0] ?? p.type);
  void start;
  const peer: VethPeerSpec = {};
  if (p.name !== undefined) peer.name = p.name;
  if (p.netns !== undefined) peer.netns = p.netns;
  if (p.mtu !== undefined) peer.mtu = p.mtu;
  if (p.address !== undefined) peer.address = p.address;
  if (p.txqlen !== undefined) peer.txqlen = p.txqlen;
  const peerUnsupported = [...p.unsupported];
  for (const k of ['up', 'broadcast', 'link', 'master', 'alias', 'group', 'index', 'numTxQueues', 'numRxQueues', 'promisc', 'allmulticast', 'multicast', 'arp', 'carrier'] as const) {
    if (p[k] !== undefined) peerUnsupported.push(`peer ${k}`);
  }
  return { peer, peerUnsupported };
}

/** What parseKindWords read: spec fields, keywords rtnl-ts cannot pass on, a warning to print. */
export interface KindWords {
  fields: KindFields;
  unsupported: string[];
  warning?: string;
}

/**
 * Read the words of kind `kind` into spec fields. Without words nothing is read or checked (ip
 * calls a kind's parser only when words follow the kind). Unknown kinds take no words
 * (iproute2's "Garbage instead of arguments").
 */
export function parseKindWords(kind: string, words: Words): KindWords {
  if (words.done) return { fields: {}, unsupported: [] };
  switch (kind) {
    case 'veth': {
      const { peer, peerUnsupported } = parseVeth(words);
      return { fields: peer ? { peer } : {}, unsupported: peerUnsupported };
    }
    case 'bridge': return { fields: parseBridge(words), unsupported: [] };
    case 'vxlan': return { ...parseVxlan(words), unsupported: [] };
    case 'macvlan': case 'macvtap': return { fields: parseMacvlan(words), unsupported: [] };
    default: {
      const w = words.cur;
      if (matches(w, 'help')) throw new CliExit(explain(kind) || 'Usage: ... ' + kind);
      throw new CliFailure(`Garbage instead of arguments "${w} ...". Try "rtnl-ts link help".`, 1);
    }
  }
}
