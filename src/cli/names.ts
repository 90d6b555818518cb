/**
 * Names the CLI prints for numbers and indexes, resolved the way iproute2 resolves them:
 * device groups from /etc/iproute2/group, interface indexes to names (ll_index_to_name: "if%u"
 * when unknown, "*" for 0), nsids to the /run/netns names that have them.
 */
import { readFileSync } from 'node:fs';

let groups: Map<number, string> | undefined;

function groupTable(): Map<number, string> {
  if (groups) return groups;
  groups = new Map();
  let text = '';
  try {
    text = readFileSync('/etc/iproute2/group', 'utf8');
  } catch {
    return groups;
  }
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^(0x[0-9a-fA-F]+|\d+)\s+(\S+)/.exec(line);
    if (m && !groups.has(Number(m[1]))) groups.set(Number(m[1]), m[2]!);
  }
  return groups;
}

/** rtnl_group_n2a: the name of device group `id` ("default" for 0), or its number. */
export function groupName(id: number): string {
  return groupTable().get(id) ?? String(id | 0);
}

/** rtnl_group_a2n: a group's number from its name or a number text; undefined if neither. */
export function groupNumber(text: string): number | undefined {
  for (const [id, name] of groupTable()) if (name === text) return id;
  if (!/^(0x[0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.test(text)) return undefined;
  const n = text.startsWith('0x') ? parseInt(text, 16) : text.length > 1 && text.startsWith('0') ? parseInt(text, 8) : Number(text);
  return n <= 0xffffffff ? n | 0 : undefined;
}

/** What the printers need to know about other devices and namespaces, all synchronous. */
export interface Names {
  /** ll_index_to_name: the name of an ifindex in this namespace ("if%u" when unknown, "*" for 0). */
  name(ifindex: number): string;
  /** ll_index_to_flags: the IFF_* flags of an ifindex, undefined when unknown. */
  flags(ifindex: number): number | undefined;
  /** The /run/netns name whose nsid (seen from here) is `nsid`, if any. */
  nsidName(nsid: number): string | undefined;
}

/** A Names backed by maps the command fills before printing. */
export class NameCache implements Names {
  readonly byIndex = new Map<number, { name: string; flags: number }>();
  readonly byNsid = new Map<number, string>();

  remember(ifindex: number, name: string, flags: number): void {
    this.byIndex.set(ifindex, { name, flags });
  }
  name(ifindex: number): string {
    if (ifindex === 0) return '*';
    return this.byIndex.get(ifindex)?.name ?? `if${ifindex >>> 0}`;
  }
  flags(ifindex: number): number | undefined {
    return this.byIndex.get(ifindex)?.flags;
  }
  nsidName(nsid: number): string | undefined {
    return this.byNsid.get(nsid);
  }
}
