/** `type vlan` words (ip/iplink_vlan.c vlan_parse_opt) and its `-d` details (vlan_print_opt). */
import type { VlanOptions, VlanQosMap } from '../../api/kinds/index.js';
import {
  VLAN_FLAG_BRIDGE_BINDING, VLAN_FLAG_GVRP, VLAN_FLAG_LOOSE_BINDING, VLAN_FLAG_MVRP, VLAN_FLAG_REORDER_HDR,
  type VlanInfo, type VlanQos,
} from '../../rtnl/link/index.js';
import { CliFailure, invarg } from '../errors.js';
import { parseUnsigned } from '../numbers.js';
import type { Printer } from '../printer.js';
import { renameProgram } from '../usage.js';
import { matches, type Words } from '../words.js';
import type { CliKind, KindWords } from './plug.js';

const HELP = renameProgram('Usage: ... vlan id VLANID\n\t\t[ protocol VLANPROTO ]\n\t\t[ reorder_hdr { on | off } ]\n\t\t[ gvrp { on | off } ]\n\t\t[ mvrp { on | off } ]\n\t\t[ loose_binding { on | off } ]\n\t\t[ bridge_binding { on | off } ]\n\t\t[ ingress-qos-map QOS-MAP ]\n\t\t[ egress-qos-map QOS-MAP ]\n\nVLANID := 0-4095\nVLANPROTO: [ 802.1Q | 802.1ad ]\nQOS-MAP := [ QOS-MAP ] QOS-MAPPING\nQOS-MAPPING := FROM:TO\n');

/** The on/off words and the options they set, in iproute2's order of matching. */
const FLAG_WORDS = [
  ['reorder_hdr', 'reorderHdr'], ['gvrp', 'gvrp'], ['mvrp', 'mvrp'], ['loose_binding', 'looseBinding'],
  ['bridge_binding', 'bridgeBinding'],
] as const;

const explain = (): string => HELP.replace(/\n$/, '');

/**
 * FROM:TO words after a qos-map keyword, up to the first word without a colon (parse_mapping);
 * ip names the part before the colon when either number is bad.
 */
function qosMap(words: Words, what: string): VlanQosMap {
  const map: [number, number][] = [];
  while (!words.done && words.cur.includes(':')) {
    const colon = words.cur.indexOf(':');
    const from = words.cur.slice(0, colon);
    const f = parseUnsigned(from);
    const t = parseUnsigned(words.cur.slice(colon + 1));
    if (f === undefined || t === undefined) throw invarg(`invalid ${what}`, from);
    map.push([f, t]);
    words.skip();
  }
  return map;
}

const ETH_P_8021Q = 0x8100;
const ETH_P_8021AD = 0x88a8;

/**
 * ll_proto_a2n for the two protocols a VLAN can have: their names in any case, or their numbers
 * (`0x8100`); any other protocol is refused here (the kernel would refuse it).
 */
function vlanProtocol(word: string): '802.1Q' | '802.1ad' | undefined {
  const lower = word.toLowerCase();
  const n = parseUnsigned(word, 0xffff);
  if (lower === '802.1q' || n === ETH_P_8021Q) return '802.1Q';
  if (lower === '802.1ad' || n === ETH_P_8021AD) return '802.1ad';
  return undefined;
}

function parseVlan(words: Words): KindWords<VlanOptions> {
  const r: KindWords<VlanOptions>['options'] = {};
  while (!words.done) {
    const w = words.cur;
    const flag = FLAG_WORDS.find(([word]) => matches(w, word));
    if (matches(w, 'protocol')) {
      const v = words.next();
      const p = vlanProtocol(v);
      if (!p) throw invarg('protocol is invalid', v);
      r.protocol = p;
    } else if (matches(w, 'id')) {
      const v = words.next();
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('id is invalid', v);
      r.id = n;
    } else if (flag) {
      const v = words.next();
      if (v !== 'on' && v !== 'off') throw new CliFailure(`Error: argument of "${flag[0]}" must be "on" or "off", not "${v}"`, 1);
      r[flag[1]] = v === 'on';
    } else if (matches(w, 'ingress-qos-map') || matches(w, 'egress-qos-map')) {
      const key = matches(w, 'ingress-qos-map') ? 'ingress-qos-map' : 'egress-qos-map';
      words.next();
      r[key === 'ingress-qos-map' ? 'ingressQosMap' : 'egressQosMap'] = qosMap(words, key);
      continue;
    } else if (matches(w, 'help')) {
      throw new CliFailure(explain(), 1);
    } else {
      throw new CliFailure(`vlan: unknown command "${w}"?\n${explain()}`, 1);
    }
    words.skip();
  }
  return { options: r };
}

/** ll_proto_n2a for the two VLAN protocols. */
function protoText(proto: number): string {
  if (proto === ETH_P_8021Q) return '802.1Q';
  if (proto === ETH_P_8021AD) return '802.1ad';
  return `[${proto}]`;
}

const FLAG_NAMES = [
  [VLAN_FLAG_REORDER_HDR, 'REORDER_HDR'], [VLAN_FLAG_GVRP, 'GVRP'], [VLAN_FLAG_MVRP, 'MVRP'],
  [VLAN_FLAG_LOOSE_BINDING, 'LOOSE_BINDING'], [VLAN_FLAG_BRIDGE_BINDING, 'BRIDGE_BINDING'],
] as const;

function printFlags(p: Printer, flags: number): void {
  p.openArray('any', p.json ? 'flags' : '<');
  let rest = flags;
  for (const [bit, name] of FLAG_NAMES) {
    if (!(rest & bit)) continue;
    rest &= ~bit;
    p.string('any', null, rest ? '%s,' : '%s', name);
  }
  if (rest) p.hex('any', null, '%x', rest);
  p.closeArray('any', '> ');
}

function printMap(p: Printer, jsonKey: string, word: string, qos: VlanQos): void {
  p.openArray('json', jsonKey);
  p.nl();
  p.string('fp', null, '      %s { ', word);
  for (const m of qos.mapping ?? []) {
    if (p.json) {
      p.openObject();
      p.uint('json', 'from', null, m.from);
      p.uint('json', 'to', null, m.to);
      p.closeObject();
    } else {
      p.text('%u:%u ', m.from, m.to);
    }
  }
  p.closeArray('json', null);
  p.string('fp', null, '%s ', '}');
}

function printVlan(p: Printer, d: VlanInfo): void {
  if (d.id === undefined) return;
  p.string('any', 'protocol', 'protocol %s ', d.protocol !== undefined ? protoText(d.protocol) : '802.1q');
  p.uint('any', 'id', 'id %u ', d.id);
  if (d.flags) printFlags(p, d.flags.flags);
  if (d.ingressQos) printMap(p, 'ingress_qos', 'ingress-qos-map', d.ingressQos);
  if (d.egressQos) printMap(p, 'egress_qos', 'egress-qos-map', d.egressQos);
}

export const vlanCli: CliKind<'vlan'> = {
  parse: parseVlan,
  print: printVlan,
  help: HELP,
};
