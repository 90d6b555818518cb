/** Kind "vxlan": a VXLAN tunnel endpoint (iproute2's iplink_vxlan.c). */
import type { VxlanInfo } from '../../rtnl/link/index.js';
import { parseDottedQuad, parseIpv6 } from '../../rtnl/common.js';
import { checkBit, checkUint } from '../check.js';
import type { Dev } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { required, type KindDriver } from './driver.js';

export interface VxlanOptions {
  /** VNI (required). */
  id: number;
  /** UDP destination port; the kernel's default is 8472 when omitted (iproute2 warns). */
  dstport?: number;
  local?: string;
  remote?: string;
  group?: string;
  /** Underlying device. */
  dev?: Dev;
  ttl?: number;
  tos?: number;
  learning?: boolean;
  ageing?: number;
  srcport?: readonly [number, number];
  udpCsum?: boolean;
}

/** An IPv4 or IPv6 address in text, parsed here so that a bad one is an InvalidArgumentError. */
function ipText(s: unknown, what: string): string {
  if (typeof s !== 'string' || !(s.includes(':') ? parseIpv6(s) : parseDottedQuad(s))) {
    throw new InvalidArgumentError(`invalid ${what} ${JSON.stringify(s)}`, what);
  }
  return s;
}

export const vxlanDriver: KindDriver<VxlanOptions, VxlanInfo> = {
  options: {
    id: true, dstport: true, local: true, remote: true, group: true, dev: true, ttl: true, tos: true, learning: true,
    ageing: true, srcport: true, udpCsum: true,
  },
  build(o, b) {
    const data: VxlanInfo = {};
    const id = required(o, 'id', b, 'an id');
    if (id !== undefined) data.id = checkUint(id, 'vxlan id', 0xffffff);
    const addr = (k4: 'group' | 'local', k6: 'group6' | 'local6', s: string | undefined, what: string): void => {
      if (s === undefined) return;
      const text = ipText(s, what);
      if (text.includes(':')) data[k6] = text;
      else data[k4] = text;
    };
    addr('group', 'group6', o.group ?? o.remote, o.group ? 'group' : 'remote');
    addr('local', 'local6', o.local, 'local');
    if (o.dev !== undefined) b.lookup(o.dev, (index) => { data.link = index; });
    if (o.ttl !== undefined) data.ttl = checkUint(o.ttl, 'ttl', 255);
    if (o.tos !== undefined) data.tos = checkUint(o.tos, 'tos', 255);
    if (o.learning !== undefined) data.learning = checkBit(o.learning, 'learning');
    if (o.ageing !== undefined) data.ageing = checkUint(o.ageing, 'ageing');
    if (o.srcport) data.portRange = { low: checkUint(o.srcport[0], 'srcport', 0xffff), high: checkUint(o.srcport[1], 'srcport', 0xffff) };
    if (o.dstport !== undefined) data.port = checkUint(o.dstport, 'dstport', 0xffff);
    if (o.udpCsum !== undefined) data.udpCsum = checkBit(o.udpCsum, 'udpCsum');
    return data;
  },
};
