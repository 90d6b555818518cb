/**
 * Kind "geneve": a GENEVE tunnel endpoint (iproute2's iplink_geneve.c). Built in the order and
 * with the defaults iproute2 writes (ttl inherit and df as given; then the VNI, the remote, and
 * when creating the flow label, TTL and TOS even when 0), so the request is ip's byte for byte.
 */
import { GENEVE_DF_INHERIT, GENEVE_DF_SET, GENEVE_DF_UNSET, type GeneveInfo } from '../../rtnl/link/index.js';
import { parseDottedQuad, parseIpv6 } from '../../rtnl/common.js';
import { checkBit, checkUint, checkWord } from '../check.js';
import { InvalidArgumentError } from '../errors.js';
import type { KindDriver } from './driver.js';

export interface GeneveOptions {
  /** VNI, 0-16777215: required unless `external` (then it must be absent). */
  id: number;
  /** Unicast remote, IPv4 or IPv6: required when creating unless `external`. */
  remote?: string;
  /** TTL, 0-255 (0 is 'auto'), or 'inherit'. */
  ttl?: number | 'auto' | 'inherit';
  /** TOS, 0-255, or 'inherit' (1). */
  tos?: number | 'inherit';
  df?: 'unset' | 'set' | 'inherit';
  /** IPv6 flow label, 0-1048575. */
  flowlabel?: number;
  /** UDP destination port; omitted or 0, the kernel's 6081. */
  dstport?: number;
  /** Collect metadata (lightweight tunnels). */
  external?: boolean;
  udpCsum?: boolean;
  udp6ZeroCsumTx?: boolean;
  udp6ZeroCsumRx?: boolean;
  /** Take the inner protocol from the packet (only `true` sends anything). */
  innerProtoInherit?: boolean;
}

const DF = { unset: GENEVE_DF_UNSET, set: GENEVE_DF_SET, inherit: GENEVE_DF_INHERIT } as const;

function remoteAddress(s: unknown): { text: string; v6: boolean } {
  if (typeof s === 'string') {
    const b4 = s.includes(':') ? undefined : parseDottedQuad(s);
    if (b4 && !(b4[0]! >= 224 && b4[0]! <= 239)) return { text: s, v6: false };
    const b6 = s.includes(':') ? parseIpv6(s) : undefined;
    if (b6 && b6[0] !== 0xff) return { text: s, v6: true };
  }
  throw new InvalidArgumentError(`invalid geneve remote ${JSON.stringify(s)}: expected a unicast IPv4 or IPv6 address`, 'remote');
}

export const geneveDriver: KindDriver<GeneveOptions, GeneveInfo> = {
  options: {
    id: true, remote: true, ttl: true, tos: true, df: true, flowlabel: true, dstport: true, external: true, udpCsum: true,
    udp6ZeroCsumTx: true, udp6ZeroCsumRx: true, innerProtoInherit: true,
  },
  build(o, b) {
    const external = o.external !== undefined && checkBit(o.external, 'external') === 1;
    if (external && o.id !== undefined) throw new InvalidArgumentError('geneve: both external and id cannot be specified', 'id');
    if (!external && o.id === undefined) throw new InvalidArgumentError('a geneve link needs an id (VNI)', 'id');
    const remote = o.remote === undefined ? undefined : remoteAddress(o.remote);
    if (!external && !remote && b.op === 'add') throw new InvalidArgumentError('a geneve link needs a remote', 'remote');
    const data: GeneveInfo = {};
    // ttl inherit and df are written as ip reads them, in the options' order
    for (const key of Object.keys(o)) {
      if (key === 'ttl' && o.ttl === 'inherit') data.ttlInherit = 1;
      else if (key === 'df' && o.df !== undefined) data.df = DF[checkWord(o.df, 'geneve df', ['unset', 'set', 'inherit'])];
    }
    data.id = o.id === undefined ? 0 : checkUint(o.id, 'geneve id', 0xffffff);
    if (remote) data[remote.v6 ? 'remote6' : 'remote'] = remote.text;
    const add = b.op === 'add';
    if (add || o.flowlabel !== undefined) data.label = o.flowlabel === undefined ? 0 : checkUint(o.flowlabel, 'flowlabel', 0xfffff);
    if (add || o.ttl !== undefined) data.ttl = typeof o.ttl === 'number' ? checkUint(o.ttl, 'ttl', 255) : o.ttl === undefined || o.ttl === 'auto' || o.ttl === 'inherit' ? 0 : checkUint(o.ttl, 'ttl', 255);
    if (add || o.tos !== undefined) data.tos = o.tos === 'inherit' ? 1 : o.tos === undefined ? 0 : checkUint(o.tos, 'tos', 255);
    const port = o.dstport === undefined ? 0 : checkUint(o.dstport, 'dstport', 0xffff);
    if (port) data.port = port;
    if (external) data.collectMetadata = true;
    if (o.innerProtoInherit !== undefined && checkBit(o.innerProtoInherit, 'innerProtoInherit')) data.innerProtoInherit = true;
    if (o.udpCsum !== undefined) data.udpCsum = checkBit(o.udpCsum, 'udpCsum');
    if (o.udp6ZeroCsumTx !== undefined) data.udpZeroCsum6Tx = checkBit(o.udp6ZeroCsumTx, 'udp6ZeroCsumTx');
    if (o.udp6ZeroCsumRx !== undefined) data.udpZeroCsum6Rx = checkBit(o.udp6ZeroCsumRx, 'udp6ZeroCsumRx');
    return data;
  },
};
