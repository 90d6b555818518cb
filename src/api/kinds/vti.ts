/**
 * Kinds "vti" and "vti6" (iproute2's link_vti.c and link_vti6.c): IPsec virtual tunnel
 * interfaces over IPv4 and IPv6. Every parameter is sent as ip sends it: keys 0 and no fwmark
 * on create, the link's current values on a change (the lower device's index read back as ip
 * reads it, its low byte only), in ip's order.
 */
import type { VtiInfo } from '../../rtnl/link/index.js';
import { checkUint } from '../check.js';
import type { Dev } from '../context.js';
import { givesAny, type KindBuild, type KindDriver } from './driver.js';
import { isUnspecified, tunnelEndpoint, tunnelKey, type TunnelKey } from './tunnel.js';

/** The options of a vti (IPv4 endpoints) or vti6 (IPv6 endpoints) device. */
export interface VtiOptions {
  /** Remote endpoint ("any": none). */
  remote?: string;
  local?: string;
  /** Both keys (the marks of the IPsec policies); a number or a dotted quad. */
  key?: TunnelKey;
  ikey?: TunnelKey;
  okey?: TunnelKey;
  /** The device the tunnel's packets leave by. */
  dev?: Dev;
  fwmark?: number;
}

function buildVti(o: Readonly<Partial<VtiOptions>>, b: KindBuild, current: Readonly<VtiInfo> | undefined, family: 4 | 6): VtiInfo | undefined {
  if (!givesAny(o, VTI_OPTIONS)) return undefined;
  let ikey = current?.ikey ?? 0;
  let okey = current?.okey ?? 0;
  let local = isUnspecified(current?.local) ? undefined : current?.local;
  let remote = isUnspecified(current?.remote) ? undefined : current?.remote;
  // link_vti*.c read the current IFLA_VTI_LINK with rta_getattr_u8
  let link = (current?.link ?? 0) & 0xff;
  let fwmark = current?.fwmark ?? 0;
  let dev: Dev | undefined;
  for (const name of Object.keys(o) as (keyof VtiOptions)[]) {
    const v = o[name];
    if (v === undefined) continue;
    switch (name) {
      case 'key': ikey = okey = tunnelKey(v, name); break;
      case 'ikey': ikey = tunnelKey(v, name); break;
      case 'okey': okey = tunnelKey(v, name); break;
      case 'remote': remote = tunnelEndpoint(v, family, name); break;
      case 'local': local = tunnelEndpoint(v, family, name); break;
      case 'dev': dev = v as Dev; break;
      case 'fwmark': fwmark = checkUint(v, name); break;
    }
  }
  const d: VtiInfo = { ikey, okey };
  if (!isUnspecified(local)) d.local = local;
  if (!isUnspecified(remote)) d.remote = remote;
  d.fwmark = fwmark;
  if (dev !== undefined) {
    d.link = 0;
    b.lookup(dev, (index) => { d.link = index; });
  } else if (link) {
    d.link = link;
  }
  return d;
}

const VTI_OPTIONS = { remote: true, local: true, key: true, ikey: true, okey: true, dev: true, fwmark: true } as const;

/** vti. */
export const vtiDriver: KindDriver<VtiOptions, VtiInfo> = {
  options: VTI_OPTIONS,
  changeFromCurrent: true,
  build: (o, b, current) => buildVti(o, b, current, 4),
};

/** vti6. */
export const vti6Driver: KindDriver<VtiOptions, VtiInfo> = {
  options: VTI_OPTIONS,
  changeFromCurrent: true,
  build: (o, b, current) => buildVti(o, b, current, 6),
};
