/**
 * `ip.bridge`: what iproute2's `bridge` command manages, one service per object: `link` (port
 * settings through AF_BRIDGE link messages).
 */
import { BridgeLinkService } from './bridge-link.js';
import type { ApiContext } from './context.js';

export class BridgeService {
  /** Bridge ports: `bridge link show/set`. */
  readonly link: BridgeLinkService;

  constructor(ctx: ApiContext) {
    this.link = new BridgeLinkService(ctx);
  }
}
