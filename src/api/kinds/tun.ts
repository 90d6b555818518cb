/**
 * Kinds "tun" and "tap" (drivers/net/tun.c; iproute2's ip/iptuntap.c): made by ioctls on
 * /dev/net/tun, not by RTM_NEWLINK, which the kernel refuses for them ("tun/tap creation via
 * rtnetlink is not supported"). Both show as IFLA_INFO_KIND "tun" (IFLA_TUN_TYPE tells them apart).
 */
import type { TunInfo } from '../../rtnl/link/index.js';
import { InvalidArgumentError } from '../errors.js';
import { checkAdd, tuntapIoctl, type TuntapFlags } from '../tuntap.js';
import { givesAny, type KindDriver } from './driver.js';

/** The options of a tun or tap device beside the common ones (`ip tuntap add`'s words). */
export interface TunOptions extends TuntapFlags {
  /** The owner: a uid or a user name. */
  user?: number | string;
  /** The owner group: a gid or a group name (`group` is the link group, as for every kind). */
  ownerGroup?: number | string;
}

const TUN_OPTIONS = { user: true, ownerGroup: true, pi: true, vnetHdr: true, multiQueue: true, oneQueue: true } as const;

/** tun and tap. */
export const tunDriver: KindDriver<TunOptions, TunInfo> = {
  options: TUN_OPTIONS,
  build(o, b) {
    // what `ip link add|set ... type tun` sends: the kind alone (the kernel has no changelink for tun)
    if (givesAny(o, TUN_OPTIONS)) throw new InvalidArgumentError(`a ${b.kind} device's options are given when it is made, by ip.link.add or ip.tuntap.add`, 'type');
    return undefined;
  },
  create(o, kind, name, netns) {
    const { user, ownerGroup, ...flags } = o;
    const req = checkAdd({
      mode: kind === 'tun' ? 'tun' : 'tap', ...flags,
      ...(name !== undefined ? { name } : {}), ...(user !== undefined ? { user } : {}), ...(ownerGroup !== undefined ? { group: ownerGroup } : {}),
    });
    return tuntapIoctl(netns, req, true);
  },
};
