/**
 * Device and namespace lookups the commands need before they print or act, all through the
 * IpRoute API: a name to its ifindex (iproute2's ll_name_to_index, "ifN" accepted), and the
 * NameCache the printers read (names and flags of referenced devices, nsid -> /run/netns name).
 */
import type { IpRoute } from '../api/iproute.js';
import type { Link } from '../rtnl/link/index.js';
import { NoSuchDeviceError } from '../api/errors.js';
import { NameCache } from './names.js';

/** ll_name_to_index: the ifindex of a device name (or "ifN"), or 0 when there is none. */
export async function nameToIndex(ip: IpRoute, name: string): Promise<number> {
  try {
    return await ip.ctx.ifindex(name);
  } catch (e) {
    if (!(e instanceof NoSuchDeviceError)) throw e;
  }
  const m = /^if(\d+)$/.exec(name);
  if (m) {
    try {
      return await ip.ctx.ifindex(Number(m[1]));
    } catch (e) {
      if (!(e instanceof NoSuchDeviceError)) throw e;
    }
  }
  return 0;
}

/** The ifindexes a link's printout names: its lower device, master, vxlan dev, backup port. */
function referenced(l: Link): number[] {
  const out: number[] = [];
  if (l.link && l.linkNetnsid === undefined) out.push(l.link);
  if (l.master) out.push(l.master);
  const data = l.linkinfo?.data as { link?: number } | undefined;
  if (l.linkinfo?.kind === 'vxlan' && data?.link) out.push(data.link);
  const bond = l.linkinfo?.data as { activeSlave?: number; primary?: number } | undefined;
  if (l.linkinfo?.kind === 'bond') for (const idx of [bond?.activeSlave, bond?.primary]) if (idx) out.push(idx);
  const port = l.linkinfo?.slaveData as { backupPort?: number } | undefined;
  if (l.linkinfo?.slaveKind === 'bridge' && port?.backupPort) out.push(port.backupPort);
  return out;
}

/**
 * A NameCache for printing `links`: every listed link, plus any device they reference that was
 * not listed (fetched one by one), plus nsid names when `nsids` is asked for.
 */
export async function namesFor(ip: IpRoute, links: readonly Link[], opts: { nsids: boolean }): Promise<NameCache> {
  const names = new NameCache();
  for (const l of links) names.remember(l.ifindex, l.ifname, l.ifiFlags);
  for (const l of links) {
    for (const idx of referenced(l)) {
      if (names.byIndex.has(idx)) continue;
      try {
        const other = await ip.link.get(idx);
        names.remember(other.ifindex, other.ifname, other.ifiFlags);
      } catch (e) {
        if (!(e instanceof NoSuchDeviceError) && (e as { code?: string }).code !== 'ENODEV') throw e;
      }
    }
  }
  if (opts.nsids && links.some((l) => (l.linkNetnsid ?? -1) >= 0 || l.raw.attrs.newNetnsid !== undefined)) {
    for (const e of await ip.netns.list()) {
      if (e.id !== undefined && !names.byNsid.has(e.id)) names.byNsid.set(e.id, e.name);
    }
  }
  return names;
}
