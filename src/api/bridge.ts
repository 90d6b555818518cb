/**
 * `ip.bridge`: what iproute2's `bridge` command manages, one service per object: `link` (port
 * settings through AF_BRIDGE link messages), `fdb` (AF_BRIDGE neighbours), `vlan`, `mdb` (RTM_*MDB).
 */
import { BridgeFdbService } from './bridge-fdb.js';
import { BridgeLinkService } from './bridge-link.js';
import { BridgeMdbService } from './bridge-mdb.js';
import { BridgeVlanService } from './bridge-vlan.js';
import type { ApiContext } from './context.js';

/** `ip.bridge`: what iproute2's `bridge` command does — port settings (link), the fdb, VLANs and the mdb. */
export class BridgeService {
  /** Bridge ports: `bridge link show/set`. */
  readonly link: BridgeLinkService;
  /** The forwarding database: `bridge fdb add/append/replace/del/show/flush`. */
  readonly fdb: BridgeFdbService;
  /** VLANs of ports and bridges: `bridge vlan add/del/show/tunnelshow`. */
  readonly vlan: BridgeVlanService;
  /** The multicast database: `bridge mdb add/del/show`. */
  readonly mdb: BridgeMdbService;

  constructor(ctx: ApiContext) {
    this.link = new BridgeLinkService(ctx);
    this.fdb = new BridgeFdbService(ctx);
    this.vlan = new BridgeVlanService(ctx, this.link);
    this.mdb = new BridgeMdbService(ctx);
  }
}
