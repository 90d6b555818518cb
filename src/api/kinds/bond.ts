/**
 * Kind "bond" (iproute2's iplink_bond.c): link aggregation. Options on create and on change
 * (`link set dev bond0 type bond ...`, the kernel's bond_changelink), named after iproute2's
 * keywords; enums by iproute2's words, devices by name or index. Ports join with `master`.
 */
import { BOND_MAX_ARP_TARGETS, BOND_WORDS, type BondInfo } from '../../rtnl/link/index.js';
import { parseDottedQuad, parseIpv6 } from '../../rtnl/common.js';
import { checkBit, checkMac, checkUint, checkWord } from '../check.js';
import type { Dev } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import type { KindDriver } from './driver.js';

type Words<K extends keyof typeof BOND_WORDS> = (typeof BOND_WORDS)[K][number];

export type BondMode = Words<'mode'>;
export type BondArpValidate = Words<'arpValidate'>;
export type BondArpAllTargets = Words<'arpAllTargets'>;
export type BondPrimaryReselect = Words<'primaryReselect'>;
export type BondFailOverMac = Words<'failOverMac'>;
export type BondXmitHashPolicy = Words<'xmitHashPolicy'>;
export type BondLacpRate = Words<'adLacpRate'>;
export type BondAdSelect = Words<'adSelect'>;

/** A u8 option the kernel reads as on/off: a boolean, or the number ip would send. */
type U8Flag = boolean | number;

export interface BondOptions {
  mode?: BondMode;
  /** The active slave; `null` clears it (clear_active_slave). */
  activeSlave?: Dev | null;
  /** Milliseconds between MII link checks (0: off). */
  miimon?: number;
  updelay?: number;
  downdelay?: number;
  peerNotifyDelay?: number;
  useCarrier?: U8Flag;
  /** Milliseconds between ARP checks (0: off). */
  arpInterval?: number;
  /** Up to 16 IPv4 ARP targets; `[]` clears them. */
  arpIpTarget?: readonly string[];
  /** Up to 16 IPv6 NS targets; `[]` clears them. */
  nsIp6Target?: readonly string[];
  arpValidate?: BondArpValidate;
  arpAllTargets?: BondArpAllTargets;
  arpMissedMax?: number;
  primary?: Dev;
  primaryReselect?: BondPrimaryReselect;
  failOverMac?: BondFailOverMac;
  xmitHashPolicy?: BondXmitHashPolicy;
  resendIgmp?: number;
  /** num_grat_arp, also called num_unsol_na (IFLA_BOND_NUM_PEER_NOTIF). */
  numGratArp?: number;
  allSlavesActive?: U8Flag;
  minLinks?: number;
  lpInterval?: number;
  packetsPerSlave?: number;
  tlbDynamicLb?: U8Flag;
  lacpRate?: BondLacpRate;
  lacpActive?: boolean;
  adSelect?: BondAdSelect;
  adUserPortKey?: number;
  adActorSysPrio?: number;
  /** The 802.3ad system MAC address. */
  adActorSystem?: string;
}

const U32 = 0xffffffff;

/** Option -> [IFLA_BOND_* field, largest value] for the plain numbers. */
const NUMBERS: { readonly [K in keyof BondOptions]?: readonly [keyof BondInfo, number] } = {
  miimon: ['miimon', U32], updelay: ['updelay', U32], downdelay: ['downdelay', U32], peerNotifyDelay: ['peerNotifDelay', U32],
  arpInterval: ['arpInterval', U32], arpMissedMax: ['missedMax', 0xff], resendIgmp: ['resendIgmp', U32],
  numGratArp: ['numPeerNotif', 0xff], minLinks: ['minLinks', U32], lpInterval: ['lpInterval', U32],
  packetsPerSlave: ['packetsPerSlave', U32], adUserPortKey: ['adUserPortKey', 0xffff], adActorSysPrio: ['adActorSysPrio', 0xffff],
};

/** Option -> IFLA_BOND_* field for the u8 on/off ones. */
const FLAGS: { readonly [K in keyof BondOptions]?: keyof BondInfo } = {
  useCarrier: 'useCarrier', allSlavesActive: 'allSlavesActive', tlbDynamicLb: 'tlbDynamicLb',
};

/** Option -> its word table (and the IFLA_BOND_* field of the same name). */
const ENUMS: { readonly [K in keyof BondOptions]?: keyof typeof BOND_WORDS } = {
  mode: 'mode', arpValidate: 'arpValidate', arpAllTargets: 'arpAllTargets', primaryReselect: 'primaryReselect',
  failOverMac: 'failOverMac', xmitHashPolicy: 'xmitHashPolicy', lacpRate: 'adLacpRate', adSelect: 'adSelect',
};

/** The iproute2 keyword of an option, for messages: arpIpTarget -> arp_ip_target. */
const keyword = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function targets(v: unknown, what: string, parse: (s: string) => Uint8Array | undefined): string[] {
  if (!Array.isArray(v)) throw new InvalidArgumentError(`invalid ${what}: expected a list of addresses`, what);
  if (v.length > BOND_MAX_ARP_TARGETS) throw new InvalidArgumentError(`invalid ${what}: at most ${BOND_MAX_ARP_TARGETS} addresses`, what);
  return v.map((a) => {
    if (typeof a !== 'string' || !parse(a)) throw new InvalidArgumentError(`invalid ${what} address "${String(a)}"`, what);
    return a;
  });
}

function u8Flag(v: unknown, what: string): number {
  return typeof v === 'boolean' ? checkBit(v, what) : checkUint(v, what, 0xff);
}

export const bondDriver: KindDriver<BondOptions, BondInfo> = {
  options: {
    mode: true, activeSlave: true, miimon: true, updelay: true, downdelay: true, peerNotifyDelay: true, useCarrier: true,
    arpInterval: true, arpIpTarget: true, nsIp6Target: true, arpValidate: true, arpAllTargets: true, arpMissedMax: true,
    primary: true, primaryReselect: true, failOverMac: true, xmitHashPolicy: true, resendIgmp: true, numGratArp: true,
    allSlavesActive: true, minLinks: true, lpInterval: true, packetsPerSlave: true, tlbDynamicLb: true, lacpRate: true,
    lacpActive: true, adSelect: true, adUserPortKey: true, adActorSysPrio: true, adActorSystem: true,
  },
  build(o, b) {
    // In the options' order: iproute2 writes each word's attribute as it reads it.
    const data: Record<string, unknown> = {};
    for (const key of Object.keys(o) as (keyof BondOptions)[]) {
      const v = o[key];
      if (v === undefined) continue;
      const what = keyword(key);
      const num = NUMBERS[key];
      const flag = FLAGS[key];
      const words = ENUMS[key];
      if (num) data[num[0]] = checkUint(v, what, num[1]);
      else if (flag) data[flag] = u8Flag(v, what);
      else if (words) {
        const table = BOND_WORDS[words] as readonly string[];
        data[words] = table.indexOf(checkWord(v, `bond ${what}`, table));
      } else if (key === 'activeSlave') {
        data.activeSlave = 0; // its place in the request; the index comes with the lookups
        if (v !== null) b.lookup(v as Dev, (index) => { data.activeSlave = index; });
      } else if (key === 'primary') {
        data.primary = 0;
        b.lookup(v as Dev, (index) => { data.primary = index; });
      } else if (key === 'arpIpTarget') data.arpIpTarget = targets(v, what, parseDottedQuad);
      else if (key === 'nsIp6Target') data.nsIp6Target = targets(v, what, parseIpv6);
      else if (key === 'lacpActive') data.adLacpActive = checkBit(v, what);
      else if (key === 'adActorSystem') data.adActorSystem = checkMac(v, what);
    }
    return Object.keys(data).length ? (data as BondInfo) : undefined;
  },
};
