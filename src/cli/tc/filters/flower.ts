/**
 * The flower filter's printer (tc/f_flower.c flower_print_opt) for the keys rtnl-ts types:
 * VLAN, MAC addresses, eth_type, ip_proto, tos/ttl, IP addresses, ports, ip_flags, the
 * skip/in_hw flags and the actions, in tc's order.
 */
import { ETH_P_ARP, ETH_P_IP, ETH_P_IPV6, formatClassid, llProtoName, TC_H_MIN_PRIORITY, type FlowerOptions } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import { printActions } from '../actions/index.js';
import type { FilterPlug, FilterPrintEnv } from './plug.js';
import { flowerValue, type FlowerFilterOptions } from '../../../api/tc/filters/flower.js';
import type { ActionSpec } from '../../../api/tc/index.js';
import { llProtoByName, parseClassid } from '../../../rtnl/tc/index.js';
import { CliExit, CliFailure } from '../../errors.js';
import { matches, type Words } from '../../words.js';
import { getU16, getU32, getU8 } from '../numbers.js';

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

const FLOWER_USAGE = "Usage: ... flower\t[ MATCH-LIST ] [ verbose ]\n\t\t\t[ skip_sw | skip_hw ]\n\t\t\t[ action ACTION-SPEC ] [ classid CLASSID ]\n\nWhere: MATCH-LIST := [ MATCH-LIST ] MATCH\n       MATCH      := {\tindev DEV-NAME |\n\t\t\tnum_of_vlans VLANS_COUNT |\n\t\t\tvlan_id VID |\n\t\t\tvlan_prio PRIORITY |\n\t\t\tvlan_ethtype [ ipv4 | ipv6 | ETH-TYPE ] |\n\t\t\tcvlan_id VID |\n\t\t\tcvlan_prio PRIORITY |\n\t\t\tcvlan_ethtype [ ipv4 | ipv6 | ETH-TYPE ] |\n\t\t\tpppoe_sid PSID |\n\t\t\tppp_proto [ ipv4 | ipv6 | mpls_uc | mpls_mc | PPP_PROTO ]\t\t\tdst_mac MASKED-LLADDR |\n\t\t\tsrc_mac MASKED-LLADDR |\n\t\t\tip_proto [tcp | udp | sctp | icmp | icmpv6 | IP-PROTO ] |\n\t\t\tip_tos MASKED-IP_TOS |\n\t\t\tip_ttl MASKED-IP_TTL |\n\t\t\tmpls LSE-LIST |\n\t\t\tmpls_label LABEL |\n\t\t\tmpls_tc TC |\n\t\t\tmpls_bos BOS |\n\t\t\tmpls_ttl TTL |\n\t\t\tdst_ip PREFIX |\n\t\t\tsrc_ip PREFIX |\n\t\t\tdst_port PORT-NUMBER |\n\t\t\tsrc_port PORT-NUMBER |\n\t\t\ttcp_flags MASKED-TCP_FLAGS |\n\t\t\ttype MASKED-ICMP-TYPE |\n\t\t\tcode MASKED-ICMP-CODE |\n\t\t\tarp_tip IPV4-PREFIX |\n\t\t\tarp_sip IPV4-PREFIX |\n\t\t\tarp_op [ request | reply | OP ] |\n\t\t\tarp_tha MASKED-LLADDR |\n\t\t\tarp_sha MASKED-LLADDR |\n\t\t\tenc_dst_ip [ IPV4-ADDR | IPV6-ADDR ] |\n\t\t\tenc_src_ip [ IPV4-ADDR | IPV6-ADDR ] |\n\t\t\tenc_key_id [ KEY-ID ] |\n\t\t\tenc_tos MASKED-IP_TOS |\n\t\t\tenc_ttl MASKED-IP_TTL |\n\t\t\tgeneve_opts MASKED-OPTIONS |\n\t\t\tvxlan_opts MASKED-OPTIONS |\n                       erspan_opts MASKED-OPTIONS |\n\t\t\tgtp_opts MASKED-OPTIONS |\n\t\t\tip_flags IP-FLAGS |\n\t\t\tenc_dst_port [ port_number ] |\n\t\t\tct_state MASKED_CT_STATE |\n\t\t\tct_label MASKED_CT_LABEL |\n\t\t\tct_mark MASKED_CT_MARK |\n\t\t\tct_zone MASKED_CT_ZONE }\n\tLSE-LIST := [ LSE-LIST ] LSE\n\tLSE := lse depth DEPTH { label LABEL | tc TC | bos BOS | ttl TTL }\n\tFILTERID := X:Y:Z\n\tMASKED_LLADDR := { LLADDR | LLADDR/MASK | LLADDR/BITS }\n\tMASKED_CT_STATE := combination of {+|-} and flags trk,est,new,rel,rpl,inv\n\tACTION-SPEC := ... look at individual actions\n\nNOTE:\tCLASSID, IP-PROTO are parsed as hexadecimal input.\nNOTE:\tThere can be only used one mask per one prio. If user needs\n\tto specify different mask, he has to use different prio.";

/** flower words tc knows that rtnl-ts does not read yet. */
const FLOWER_OTHER = [
  'hw_tc', 'verbose', 'num_of_vlans', 'cvlan_id', 'cvlan_prio', 'cvlan_ethtype', 'mpls', 'mpls_label', 'mpls_tc', 'mpls_bos', 'mpls_ttl',
  'tcp_flags', 'type', 'code', 'arp_tip', 'arp_sip', 'arp_op', 'arp_tha', 'arp_sha', 'enc_dst_ip', 'enc_src_ip', 'enc_key_id', 'enc_tos',
  'enc_ttl', 'geneve_opts', 'vxlan_opts', 'erspan_opts', 'gtp_opts', 'enc_dst_port', 'ct_state', 'ct_zone', 'ct_mark', 'ct_label',
  'pppoe_sid', 'ppp_proto', 'police',
];

/** The flower words rtnl-ts reads and the spec key each sets (tc's order of matching). */
const FLOWER_WORDS: readonly [string, keyof FlowerFilterOptions, boolean][] = [
  ['indev', 'indev', true], ['vlan_id', 'vlanId', true], ['vlan_prio', 'vlanPrio', true], ['vlan_ethtype', 'vlanEthtype', true],
  ['dst_mac', 'dstMac', true], ['src_mac', 'srcMac', true], ['ip_proto', 'ipProto', true], ['ip_tos', 'ipTos', true],
  ['ip_ttl', 'ipTtl', true], ['dst_ip', 'dstIp', true], ['src_ip', 'srcIp', true], ['dst_port', 'dstPort', true], ['src_port', 'srcPort', true],
];

/** flower_parse_opt for the common keys: the words after `flower` into the API's options, with tc's messages. */
export function parseFlower(words: Words, handleWord: string | undefined, protocol: number, actions: (out: ActionSpec[]) => void): { handle?: number; options: Partial<FlowerFilterOptions> } {
  let handle: number | undefined;
  if (handleWord !== undefined) {
    handle = getU32(handleWord);
    if (handle === undefined) throw new CliFailure('Illegal "handle"', 1);
  }
  const o: Partial<FlowerFilterOptions> = {};
  const check = (w: string): void => {
    const { actions: _a, ...keys } = o;
    try {
      flowerValue(keys, { lookup: () => undefined } as never, protocol);
    } catch {
      throw new CliFailure(`Illegal "${w}"`, 1);
    }
  };
  let ethType = protocol;
  const isVlan = (): boolean => protocol === 0x8100 || protocol === 0x88a8;
  while (!words.done) {
    const w = words.cur;
    if (matches(w, 'classid') || matches(w, 'flowid')) {
      if (words.left < 2) throw new CliExit('Command line is not complete. Try option "help"');
      const h = parseClassid(words.next());
      if (h === undefined) throw new CliFailure('Illegal "classid"', 1);
      o.classid = h;
    } else if (matches(w, 'ip_flags')) {
      if (words.left < 2) throw new CliExit('Command line is not complete. Try option "help"');
      o.ipFlags = words.next();
      check('ip_flags');
    } else if (matches(w, 'skip_hw')) o.skipHw = true;
    else if (matches(w, 'skip_sw')) o.skipSw = true;
    else if (matches(w, 'action')) {
      if (words.left < 2) throw new CliExit('Command line is not complete. Try option "help"');
      words.next();
      actions((o.actions ??= []));
      continue;
    } else {
      const hit = FLOWER_WORDS.find(([word]) => (word === 'indev' ? matches(w, word) : matches(w, word)));
      if (!hit) {
        if (FLOWER_OTHER.some((x) => matches(w, x))) throw new CliFailure(`rtnl-ts: flower "${w}" is not supported by rtnl-ts`, 1);
        throw new CliFailure(`${w === 'help' ? '' : `What is "${w}"?\n`}${FLOWER_USAGE}`, 1);
      }
      if (words.left < 2) throw new CliExit('Command line is not complete. Try option "help"');
      const [word, key] = hit;
      const v = words.next();
      if ((key === 'vlanId' || key === 'vlanPrio') && !isVlan()) {
        throw new CliFailure(`Can't set "${word}" if ethertype isn't 802.1Q or 802.1AD and num_of_vlans is 0`, 1);
      }
      if (key === 'vlanEthtype') {
        if (!isVlan()) throw new CliFailure('Can\'t set "vlan_ethtype" if ethertype isn\'t 802.1Q or 802.1AD and num_of_vlans is 0', 1);
        const t = llProtoByName(v) ?? getU16(v);
        if (t === undefined) throw new CliExit(`Error: argument "${v}" is wrong: invalid vlan_ethtype`);
        ethType = t;
      }
      if (key === 'ipProto' && ethType !== 0x0800 && ethType !== 0x86dd) throw new CliFailure('Illegal "eth_type" for ip proto\nIllegal "ip_proto"', 1);
      if (key === 'dstIp' || key === 'srcIp') {
        const [a, bits] = v.split('/', 2) as [string, string | undefined];
        const v4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(a) && a.split('.').every((x) => Number(x) <= 255);
        const v6 = a.includes(':') && /^[0-9a-fA-F:]+$/.test(a);
        if ((!v4 && !v6) || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (v4 ? 32 : 128)))) {
          throw new CliExit(`Error: inet prefix is expected rather than "${v}".`, 1);
        }
      }
      if (key === 'dstMac' || key === 'srcMac') {
        const mac = /^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/;
        const [a, m] = v.split('/', 2) as [string, string | undefined];
        for (const part of m === undefined || /^\d+$/.test(m) ? [a] : [a, m]) {
          if (!mac.test(part)) throw new CliFailure(`"${part}" is invalid lladdr.\nIllegal "${word}"`, 1);
        }
      }
      const num = key === 'vlanId' || key === 'vlanPrio' ? getU32(v, 10) : undefined;
      if ((key === 'vlanId' && (num === undefined || num > 0xfff)) || (key === 'vlanPrio' && (num === undefined || num > 7))) throw new CliFailure(`Illegal "${word}"`, 1);
      const value: unknown = num ?? (key === 'ipProto' ? (['tcp', 'udp', 'sctp', 'icmp', 'icmpv6'].find((p) => matches(v, p)) ?? getU8(v, 16) ?? v) : v);
      (o as Record<string, unknown>)[key] = value;
      check(word);
    }
    words.skip();
  }
  return { ...(handle !== undefined ? { handle } : {}), options: o };
}
