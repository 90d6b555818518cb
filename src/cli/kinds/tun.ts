/**
 * `-d` details of a tun/tap device (iproute2's ip/iptuntap.c tun_print_opt). ip's tun link_util
 * reads no words: tun and tap are made by `rtnl-ts tuntap add` (or ip.link.add / ip.tuntap.add),
 * and `link add ... type tun` sends what ip sends, which the kernel refuses.
 */
import { groupName, userName } from '../../api/tuntap.js';
import { IFF_TAP, IFF_TUN, type TunInfo } from '../../rtnl/link/index.js';
import type { Printer } from '../printer.js';
import type { CliKind } from './plug.js';

function printTun(p: Printer, d: TunInfo): void {
  if (d.type !== undefined) {
    const type = d.type === IFF_TUN ? 'tun' : d.type === IFF_TAP ? 'tap' : `UNKNOWN:${d.type}`;
    p.string('any', 'type', 'type %s ', type);
  }
  if (d.pi !== undefined) p.onOff('any', 'pi', 'pi %s ', d.pi);
  if (d.vnetHdr !== undefined) p.onOff('any', 'vnet_hdr', 'vnet_hdr %s ', d.vnetHdr);
  if (!d.multiQueue) {
    p.bool('json', 'multi_queue', null, false);
  } else {
    p.bool('any', 'multi_queue', 'multi_queue ', true);
    if (d.numQueues !== undefined) p.uint('any', 'numqueues', 'numqueues %u ', d.numQueues);
    if (d.numDisabledQueues !== undefined) p.uint('any', 'numdisabled', 'numdisabled %u ', d.numDisabledQueues);
  }
  if (d.persist !== undefined) p.onOff('any', 'persist', 'persist %s ', d.persist);
  if (d.owner !== undefined) {
    const name = userName(d.owner);
    if (name !== undefined) p.string('any', 'user', 'user %s ', name);
    else p.uint('any', 'user', 'user %u ', d.owner);
  }
  if (d.group !== undefined) {
    const name = groupName(d.group);
    if (name !== undefined) p.string('any', 'group', 'group %s ', name);
    else p.uint('any', 'group', 'group %u ', d.group);
  }
}

/** tun: the printer only (no words, no help of its own, as in ip). */
export const tunCli: CliKind<'tun'> = { print: printTun };
/** tap: not a kernel kind (a tap device shows as "tun"); ip has no link_util for it. */
export const tapCli: CliKind<'tap'> = {};
