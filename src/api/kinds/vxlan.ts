/**
 * Kind "vxlan": a VXLAN tunnel endpoint (iproute2's iplink_vxlan.c). The data is built in the
 * order iproute2 writes it, so the request is ip's byte for byte: the options in their own
 * order, then the VNI, the local and remote addresses, `learning` (on by default when creating)
 * and the destination port.
 */
import { VXLAN_DF_INHERIT, VXLAN_DF_SET, VXLAN_DF_UNSET, type VxlanInfo } from '../../rtnl/link/index.js';
import { parseDottedQuad, parseIpv6 } from '../../rtnl/common.js';
import { checkBit, checkUint, checkWord } from '../check.js';
import type { Dev } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import type { KindDriver } from './driver.js';

export interface VxlanOptions {
  /** VNI, 0-16777215: required when creating, unless `external` (then it must be absent). */
  id: number;
  /**
   * Remote endpoint, IPv4 or IPv6: unicast, or a multicast group (iproute2's `group`, which
   * needs `dev`). One key for both, as the kernel has one attribute: `group` is the link group.
   */
  remote?: string;
  /** Local address, of the same family as `remote`. */
  local?: string;
  /** Underlying device. */
  dev?: Dev;
  /** TTL (hop limit), 0-255 (0 is 'auto'), or 'inherit' (from the inner packet). */
  ttl?: number | 'auto' | 'inherit';
  /** TOS, 0-255, or 'inherit' (1). */
  tos?: number | 'inherit';
  /** Don't Fragment bit of the outer IPv4 header. */
  df?: 'unset' | 'set' | 'inherit';
  /** IPv6 flow label, 0-1048575. */
  flowlabel?: number;
  /** UDP destination port; omitted, the kernel's default (8472) unless `gpe` (4790); 0 sends none. */
  dstport?: number;
  /** UDP source port range [min, max]; [0, 0] sends none. */
  srcport?: readonly [number, number];
  /** Learn remote MACs into the FDB (on by default when creating, off with `external`). */
  learning?: boolean;
  proxy?: boolean;
  rsc?: boolean;
  l2miss?: boolean;
  l3miss?: boolean;
  /** FDB ageing, seconds (0: none). */
  ageing?: number;
  /** FDB size limit (0: unlimited). */
  maxaddress?: number;
  udpCsum?: boolean;
  udp6ZeroCsumTx?: boolean;
  udp6ZeroCsumRx?: boolean;
  remcsumTx?: boolean;
  remcsumRx?: boolean;
  /** Collect metadata (lightweight tunnels, iproute2's `external`): no VNI then. */
  external?: boolean;
  /** Group Based Policy extension (only `true` sends anything). */
  gbp?: boolean;
  /** Generic Protocol Extension (only `true` sends anything). */
  gpe?: boolean;
  /** Per-VNI filtering (needs `external`). */
  vnifilter?: boolean;
}

const LABEL_MAX_MASK = 0xfffff;

/** An IPv4 or IPv6 address in text: its family and whether it is multicast, else InvalidArgumentError. */
function address(s: unknown, what: string): { text: string; v6: boolean; multi: boolean } {
  if (typeof s === 'string') {
    const b4 = s.includes(':') ? undefined : parseDottedQuad(s);
    if (b4) return { text: s, v6: false, multi: b4[0]! >= 224 && b4[0]! <= 239 };
    const b6 = s.includes(':') ? parseIpv6(s) : undefined;
    if (b6) return { text: s, v6: true, multi: b6[0] === 0xff };
  }
  throw new InvalidArgumentError(`invalid vxlan ${what} ${JSON.stringify(s)}: expected an IPv4 or IPv6 address`, what);
}

/** An on/off option as the u8 the kernel takes. */
const BITS = {
  proxy: 'proxy', rsc: 'rsc', l2miss: 'l2miss', l3miss: 'l3miss', udpCsum: 'udpCsum', udp6ZeroCsumTx: 'udpZeroCsum6Tx',
  udp6ZeroCsumRx: 'udpZeroCsum6Rx', remcsumTx: 'remcsumTx', remcsumRx: 'remcsumRx', external: 'collectMetadata',
  vnifilter: 'vnifilter',
} as const satisfies Partial<Record<keyof VxlanOptions, keyof VxlanInfo>>;

const DF = { unset: VXLAN_DF_UNSET, set: VXLAN_DF_SET, inherit: VXLAN_DF_INHERIT } as const;

export const vxlanDriver: KindDriver<VxlanOptions, VxlanInfo> = {
  options: {
    id: true, remote: true, local: true, dev: true, ttl: true, tos: true, df: true, flowlabel: true,
    dstport: true, srcport: true, learning: true, proxy: true, rsc: true, l2miss: true, l3miss: true, ageing: true,
    maxaddress: true, udpCsum: true, udp6ZeroCsumTx: true, udp6ZeroCsumRx: true, remcsumTx: true, remcsumRx: true,
    external: true, gbp: true, gpe: true, vnifilter: true,
  },
  build(o, b) {
    const external = o.external !== undefined && checkBit(o.external, 'external') === 1;
    const vnifilter = o.vnifilter !== undefined && checkBit(o.vnifilter, 'vnifilter') === 1;
    if (vnifilter && !external) throw new InvalidArgumentError('vxlan: vnifilter is valid only when external is set', 'vnifilter');
    if (external && o.id !== undefined) throw new InvalidArgumentError('vxlan: both external and id cannot be specified', 'id');
    if (!external && !vnifilter && o.id === undefined && b.op === 'add') throw new InvalidArgumentError('a vxlan link needs an id (VNI)', 'id');
    const id = o.id === undefined ? undefined : checkUint(o.id, 'vxlan id', 0xffffff);
    const peer = o.remote === undefined ? undefined : address(o.remote, 'remote');
    const local = o.local === undefined ? undefined : address(o.local, 'local');
    if (local?.multi) throw new InvalidArgumentError(`invalid vxlan local "${o.local}": multicast`, 'local');
    if (local && peer && local.v6 !== peer.v6) throw new InvalidArgumentError('vxlan: local and remote addresses of different families', 'local');
    if (peer?.multi && o.dev === undefined) throw new InvalidArgumentError('vxlan: a multicast remote (group) requires dev', 'dev');

    const data: VxlanInfo = {};
    let learning = external ? 0 : 1;
    // What iproute2 writes as it reads the words, in the options' order.
    for (const key of Object.keys(o) as (keyof VxlanOptions)[]) {
      if (o[key] === undefined) continue;
      switch (key) {
        case 'dev':
          data.link = 0; // its place in the request; the index comes after every check
          b.lookup(o.dev!, (index) => { data.link = index; });
          break;
        case 'ttl':
          if (o.ttl === 'inherit') data.ttlInherit = true;
          else data.ttl = o.ttl === 'auto' ? 0 : checkUint(o.ttl, 'ttl', 255);
          break;
        case 'tos':
          data.tos = o.tos === 'inherit' ? 1 : checkUint(o.tos, 'tos', 255);
          break;
        case 'df':
          data.df = DF[checkWord(o.df, 'vxlan df', ['unset', 'set', 'inherit'])];
          break;
        case 'flowlabel':
          data.label = checkUint(o.flowlabel, 'flowlabel', LABEL_MAX_MASK);
          break;
        case 'ageing':
          data.ageing = checkUint(o.ageing, 'ageing');
          break;
        case 'maxaddress':
          data.limit = checkUint(o.maxaddress, 'maxaddress');
          break;
        case 'srcport': {
          const r = o.srcport;
          if (!Array.isArray(r) || r.length !== 2) throw new InvalidArgumentError('invalid srcport: expected [min, max]', 'srcport');
          const low = checkUint(r[0], 'srcport min', 0xffff);
          const high = checkUint(r[1], 'srcport max', 0xffff);
          if (low || high) data.portRange = { low, high };
          break;
        }
        case 'learning':
          learning = checkBit(o.learning, 'learning');
          break;
        case 'gbp':
        case 'gpe':
          if (checkBit(o[key], key)) data[key] = true;
          break;
        default:
          if (key in BITS) data[BITS[key as keyof typeof BITS]] = checkBit(o[key], key);
      }
    }
    if (id !== undefined) data.id = id;
    if (local) data[local.v6 ? 'local6' : 'local'] = local.text;
    if (peer) data[peer.v6 ? 'group6' : 'group'] = peer.text;
    if (b.op === 'add' || o.learning !== undefined) data.learning = learning;
    const dstport = o.dstport === undefined ? (data.gpe ? 4790 : 0) : checkUint(o.dstport, 'dstport', 0xffff);
    if (dstport) data.port = dstport;
    return data;
  },
};
