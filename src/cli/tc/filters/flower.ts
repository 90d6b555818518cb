/**
 * The flower filter's printer (tc/f_flower.c flower_print_opt) for the keys rtnl-ts types:
 * VLAN, MAC addresses, eth_type, ip_proto, tos/ttl, IP addresses, ports, ip_flags, the
 * skip/in_hw flags and the actions, in tc's order.
 */
import { ETH_P_ARP, ETH_P_IP, ETH_P_IPV6, formatClassid, llProtoName, TC_H_MIN_PRIORITY, type FlowerOptions } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import { printActions } from '../actions/index.js';
import type { FilterPlug, FilterPrintEnv } from './plug.js';

const ETH_P_RARP = 0x8035;
const IPPROTO: Readonly<Record<number, string>> = { 6: 'tcp', 17: 'udp', 132: 'sctp', 1: 'icmp', 58: 'icmpv6' };
/** TCA_FLOWER_KEY_FLAGS_* and their words. */
const KEY_FLAGS: readonly [number, string][] = [[1, 'frag'], [2, 'firstfrag']];

/** __mask_bits: the prefix length of a contiguous mask given as bytes, -1 otherwise. */
function maskBits(bytes: readonly number[]): number {
  let bits = 0;
  let ended = false;
  for (const b of bytes) {
    for (let i = 7; i >= 0; i--) {
      if (b & (1 << i)) {
        if (ended) return -1;
        bits++;
      } else ended = true;
    }
  }
  return bits;
}

const macBytes = (s: string): number[] => s.split(':').map((x) => parseInt(x, 16));
function ipBytes(s: string): number[] {
  if (!s.includes(':')) return s.split('.').map(Number);
  const [head, tail = ''] = s.split('::');
  const words = (t: string): number[] => (t ? t.split(':').map((x) => parseInt(x, 16)) : []);
  const h = words(head!);
  const t = words(tail);
  const all = s.includes('::') ? [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t] : h;
  return all.flatMap((w) => [w >> 8, w & 0xff]);
}

/** print_indent_name_value: "\n  NAME VALUE", JSON NAME. */
function nameValue(p: Printer, name: string, value: string): void {
  p.string('fp', null, '%s  ', p.sl);
  p.string('any', name, `${name} %s`, value);
}

/** print_masked_u8 / print_masked_be16 on a new line: "NAME V[/0xMASK]". */
function masked(p: Printer, name: string, v: number | undefined, mask: number | undefined, max: number): void {
  if (v === undefined) return;
  p.string('fp', null, '%s  ', p.sl);
  p.uint('any', name, `${name} %u`, v);
  const m = mask ?? max;
  if (m !== max) p.hex('any', `${name}_mask`, '/0x%x', m);
}

function addrWithMask(addr: string, mask: string | undefined, bytes: (s: string) => number[], full: number): string {
  if (mask === undefined) return addr;
  const bits = maskBits(bytes(mask));
  if (bits < 0) return `${addr}/${mask}`;
  return bits < full ? `${addr}/${bits}` : addr;
}

function print(p: Printer, o: FlowerOptions, env: FilterPrintEnv): void {
  if (env.handle) p.uint('any', 'handle', 'handle 0x%x ', env.handle >>> 0);
  if (o.classid !== undefined) {
    const min = o.classid & 0xffff;
    if (min < TC_H_MIN_PRIORITY || min > TC_H_MIN_PRIORITY + 15) p.string('any', 'classid', 'classid %s ', formatClassid(o.classid));
    else p.uint('any', 'hw_tc', 'hw_tc %u ', min - TC_H_MIN_PRIORITY);
  }
  if (o.indev !== undefined) {
    p.nl();
    p.string('any', 'indev', '  indev %s', o.indev);
  }
  p.openObject('keys');
  const line = (key: string, fmt: string, v: number | string): void => {
    p.nl();
    if (typeof v === 'string') p.string('any', key, fmt, v);
    else p.uint('any', key, fmt, v);
  };
  if (o.numOfVlans !== undefined) line('num_of_vlans', '  num_of_vlans %d', o.numOfVlans);
  if (o.vlanId !== undefined) line('vlan_id', '  vlan_id %u', o.vlanId);
  if (o.vlanPrio !== undefined) line('vlan_prio', '  vlan_prio %d', o.vlanPrio);
  if (o.vlanEthType !== undefined) line('vlan_ethtype', '  vlan_ethtype %s', llProtoName(o.vlanEthType));
  if (o.cvlanId !== undefined) line('cvlan_id', '  cvlan_id %u', o.cvlanId);
  if (o.cvlanPrio !== undefined) line('cvlan_prio', '  cvlan_prio %d', o.cvlanPrio);
  if (o.cvlanEthType !== undefined) line('cvlan_ethtype', '  cvlan_ethtype %s', llProtoName(o.cvlanEthType));
  if (o.ethDst !== undefined) nameValue(p, 'dst_mac', addrWithMask(o.ethDst, o.ethDstMask, macBytes, 48));
  if (o.ethSrc !== undefined) nameValue(p, 'src_mac', addrWithMask(o.ethSrc, o.ethSrcMask, macBytes, 48));
  const ethType = o.ethType ?? 0;
  if (o.ethType !== undefined) {
    const t = o.ethType;
    const name = t === ETH_P_IP ? 'ipv4' : t === ETH_P_IPV6 ? 'ipv6' : t === ETH_P_ARP ? 'arp' : t === ETH_P_RARP ? 'rarp' : t.toString(16).padStart(4, '0');
    line('eth_type', '  eth_type %s', name);
  }
  const ipProto = o.ipProto ?? 0xff;
  if (o.ipProto !== undefined) line('ip_proto', '  ip_proto %s', IPPROTO[o.ipProto] ?? o.ipProto.toString(16).padStart(2, '0'));
  masked(p, 'ip_tos', o.ipTos, o.ipTosMask, 0xff);
  masked(p, 'ip_ttl', o.ipTtl, o.ipTtlMask, 0xff);
  const ipAddr = (name: string, v4: string | undefined, m4: string | undefined, v6: string | undefined, m6: string | undefined): void => {
    const [a, m, full] = ethType === ETH_P_IP ? [v4, m4, 32] : ethType === ETH_P_IPV6 ? [v6, m6, 128] : [undefined, undefined, 0];
    if (a === undefined || m === undefined) return;
    nameValue(p, name, addrWithMask(a, m, ipBytes, full));
  };
  ipAddr('dst_ip', o.ipv4Dst, o.ipv4DstMask, o.ipv6Dst, o.ipv6DstMask);
  ipAddr('src_ip', o.ipv4Src, o.ipv4SrcMask, o.ipv6Src, o.ipv6SrcMask);
  const ports = ipProto === 6 ? [o.tcpDst, o.tcpDstMask, o.tcpSrc, o.tcpSrcMask]
    : ipProto === 17 ? [o.udpDst, o.udpDstMask, o.udpSrc, o.udpSrcMask]
      : ipProto === 132 ? [o.sctpDst, o.sctpDstMask, o.sctpSrc, o.sctpSrcMask] : undefined;
  if (ports) {
    masked(p, 'dst_port', ports[0], ports[1], 0xffff);
    masked(p, 'src_port', ports[2], ports[3], 0xffff);
  }
  if (o.keyFlagsMask !== undefined) {
    let count = 0;
    for (const [bit, word] of KEY_FLAGS) {
      if (!(o.keyFlagsMask & bit)) continue;
      if (++count === 1) {
        p.nl();
        p.string('fp', null, '  %s ', 'ip_flags');
        p.openObject('ip_flags');
      } else p.string('fp', null, '/', null);
      const on = Boolean((o.keyFlags ?? 0) & bit);
      p.bool('json', word, null, on);
      p.string('fp', null, '%s', on ? word : `no${word}`);
    }
    if (count) p.closeObject();
  }
  p.closeObject();
  if (o.flags !== undefined) {
    const flag = (w: string): void => {
      p.nl();
      p.bool('any', w, `  ${w}`, true);
    };
    if (o.flags & 1) flag('skip_hw');
    if (o.flags & 2) flag('skip_sw');
    if (o.flags & 4) {
      flag('in_hw');
      if (o.inHwCount !== undefined) p.uint('any', 'in_hw_count', ' in_hw_count %u', o.inHwCount);
    } else if (o.flags & 8) flag('not_in_hw');
  }
  if (o.actions) printActions(p, o.actions, env, true, env.err);
}

export const flowerPlug: FilterPlug<'flower'> = { print };
