/** Kind "veth": a pair; the options name the other end (VETH_INFO_PEER, a nested link message). */
import type { VethInfo } from '../../rtnl/link/index.js';
import type { LinkOptions } from '../link-types.js';
import type { KindDriver } from './driver.js';

/** The other end of a veth pair: any of the common link options (name, netns, mtu, address, ...). */
export type VethPeerSpec = Omit<LinkOptions, 'link' | 'master'>;

export interface VethOptions {
  peer?: VethPeerSpec;
}

export const vethDriver: KindDriver<VethOptions, VethInfo> = {
  options: { peer: true },
  build: (o, b) => (o.peer === undefined ? undefined : { peer: b.linkMessage(o.peer, 'peer') }),
};
