/**
 * Kinds "ipvlan" and "ipvtap" (iproute2's iplink_ipvlan.c): an L2/L3 sub-interface of the lower
 * device `link` sharing its MAC address.
 */
import { IPVLAN_F_PRIVATE, IPVLAN_F_VEPA, ipvlanModeValue, type IpvlanInfo } from '../../rtnl/link/index.js';
import { checkWord } from '../check.js';
import type { Dev } from '../context.js';
import { required, type KindDriver } from './driver.js';

export type IpvlanMode = 'l2' | 'l3' | 'l3s';
/** IFLA_IPVLAN_FLAGS by iproute2's word: bridge (no bit), private or vepa. */
export type IpvlanFlag = 'bridge' | 'private' | 'vepa';

export interface IpvlanOptions {
  /** The lower device. */
  link: Dev;
  /** IFLA_IPVLAN_MODE (the kernel's default is l3). */
  mode?: IpvlanMode;
  /**
   * IFLA_IPVLAN_FLAGS, sent only when given (ip sends `bridge` whenever it reads any word of the
   * kind, so its `link set ... type ipvlan mode l2` also resets the flag: rtnl-ts's CLI does too).
   */
  flag?: IpvlanFlag;
}

const FLAG_BITS: Readonly<Record<IpvlanFlag, number>> = { bridge: 0, private: IPVLAN_F_PRIVATE, vepa: IPVLAN_F_VEPA };

export const ipvlanDriver: KindDriver<IpvlanOptions, IpvlanInfo> = {
  options: { link: true, mode: true, flag: true },
  build(o, b) {
    required(o, 'link', b, 'a lower device (link)');
    const data: IpvlanInfo = {};
    if (o.mode !== undefined) data.mode = ipvlanModeValue(checkWord(o.mode, `${b.kind} mode`, ['l2', 'l3', 'l3s']))!;
    if (o.flag !== undefined) data.flags = FLAG_BITS[checkWord(o.flag, `${b.kind} flag`, ['bridge', 'private', 'vepa'])];
    return Object.keys(data).length ? data : undefined;
  },
};
