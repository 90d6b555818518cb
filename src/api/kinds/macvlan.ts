/**
 * Kinds "macvlan" and "macvtap" (iproute2's iplink_macvlan.c): a MAC-based sub-interface of the
 * lower device `link`. Source mode keeps a list of source MACs, changed with `macaddr`.
 */
import {
  MACVLAN_FLAG_NODST, MACVLAN_FLAG_NOPROMISC, MACVLAN_MACADDR_ADD, MACVLAN_MACADDR_DEL, MACVLAN_MACADDR_FLUSH,
  MACVLAN_MACADDR_SET, macvlanModeValue, type MacvlanInfo,
} from '../../rtnl/link/index.js';
import { macToBytes } from '../../rtnl/common.js';
import { checkUint, checkWord } from '../check.js';
import type { Dev } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { required, type KindDriver } from './driver.js';

export type MacvlanMode = 'private' | 'vepa' | 'bridge' | 'passthru' | 'source';

/** A MACVLAN_FLAG_* bit by iproute2's word. */
export type MacvlanFlag = 'nopromisc' | 'nodst';

/**
 * A change of the source-mode MAC list (IFLA_MACVLAN_MACADDR_MODE), iproute2's `macaddr { add |
 * del } MAC | set [ MAC ... ] | flush`: exactly one key. On create the kernel takes only `set`.
 */
export type MacvlanMacaddr =
  | { readonly add: string }
  | { readonly del: string }
  | { readonly set: readonly string[] }
  | { readonly flush: true };

export interface MacvlanOptions {
  /** The lower device. */
  link: Dev;
  mode?: MacvlanMode;
  /**
   * IFLA_MACVLAN_FLAGS, the whole set (iproute2's `flag nopromisc|nodst|null`, `nopromisc`,
   * `nodst`): `[]` clears them. nopromisc needs `mode: 'passthru'` in the same call, as in ip.
   */
  flags?: readonly MacvlanFlag[];
  /** Source mode: add, delete, set or flush the source MACs. */
  macaddr?: MacvlanMacaddr;
  /** Length of the receive queue for broadcast and multicast (IFLA_MACVLAN_BC_QUEUE_LEN). */
  bcqueuelen?: number;
}

const MODES: readonly MacvlanMode[] = ['private', 'vepa', 'bridge', 'passthru', 'source'];
const FLAG_BITS: Readonly<Record<MacvlanFlag, number>> = { nopromisc: MACVLAN_FLAG_NOPROMISC, nodst: MACVLAN_FLAG_NODST };

/** A 6-byte Ethernet address, as source mode takes it. */
function ether(v: unknown, what: string): string {
  let ok = false;
  try {
    ok = typeof v === 'string' && macToBytes(v).length === 6;
  } catch {
    ok = false;
  }
  if (!ok) throw new InvalidArgumentError(`invalid ${what} "${String(v)}": expected a 6-byte MAC address`, what);
  return v as string;
}

/** IFLA_MACVLAN_MACADDR_MODE and its MAC or list, into `data`. */
function macaddr(data: MacvlanInfo, m: MacvlanMacaddr): void {
  const keys = m !== null && typeof m === 'object' ? Object.keys(m) : [];
  if (keys.length !== 1) throw new InvalidArgumentError('invalid macaddr: expected one of { add }, { del }, { set }, { flush: true }', 'macaddr');
  if ('add' in m) {
    data.macaddrMode = MACVLAN_MACADDR_ADD;
    data.macaddr = ether(m.add, 'macaddr add');
  } else if ('del' in m) {
    data.macaddrMode = MACVLAN_MACADDR_DEL;
    data.macaddr = ether(m.del, 'macaddr del');
  } else if ('set' in m) {
    if (!Array.isArray(m.set)) throw new InvalidArgumentError('invalid macaddr set: expected a list of MAC addresses', 'macaddr');
    data.macaddrMode = MACVLAN_MACADDR_SET;
    data.macaddrData = { macaddr: m.set.map((mac) => ether(mac, 'macaddr set')) };
  } else if ('flush' in m && m.flush === true) {
    data.macaddrMode = MACVLAN_MACADDR_FLUSH;
  } else {
    throw new InvalidArgumentError('invalid macaddr: expected one of { add }, { del }, { set }, { flush: true }', 'macaddr');
  }
}

export const macvlanDriver: KindDriver<MacvlanOptions, MacvlanInfo> = {
  options: { link: true, mode: true, flags: true, macaddr: true, bcqueuelen: true },
  build(o, b) {
    required(o, 'link', b, 'a lower device (link)');
    // iproute2 writes macaddr and bcqueuelen as it reads them, the mode and the flags last.
    const data: MacvlanInfo = {};
    for (const key of Object.keys(o) as (keyof MacvlanOptions)[]) {
      if (key === 'macaddr' && o.macaddr !== undefined) macaddr(data, o.macaddr);
      else if (key === 'bcqueuelen' && o.bcqueuelen !== undefined) data.bcQueueLen = checkUint(o.bcqueuelen, 'bcqueuelen');
    }
    const mode = o.mode === undefined ? undefined : checkWord(o.mode, `${b.kind} mode`, MODES);
    if (mode !== undefined) data.mode = macvlanModeValue(mode)!;
    if (o.flags !== undefined) {
      if (!Array.isArray(o.flags)) throw new InvalidArgumentError('invalid flags: expected a list of "nopromisc", "nodst"', 'flags');
      let bits = 0;
      for (const f of o.flags) bits |= FLAG_BITS[checkWord(f, `${b.kind} flag`, ['nopromisc', 'nodst'])];
      if (bits & MACVLAN_FLAG_NOPROMISC && mode !== 'passthru') {
        throw new InvalidArgumentError(`${b.kind}: nopromisc flag only valid in passthru mode`, 'flags');
      }
      data.flags = bits;
    }
    return Object.keys(data).length ? data : undefined;
  },
};
