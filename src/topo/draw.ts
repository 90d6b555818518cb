/**
 * The picture of a topology: what a document intends, or what the kernel holds now, as a
 * Picture (namespaces, devices, the edges between them), written out as Graphviz DOT or a
 * Mermaid flowchart by hand, and rendered to SVG by the WASM Graphviz of @viz-js/viz (loaded
 * only when an SVG is asked for; no system binary).
 *
 * Every namespace is a box (a DOT cluster, a Mermaid subgraph) holding its devices; a device
 * shows its name, kind, addresses and qdiscs. Edges: a veth pair across namespaces, a port to its
 * master (bridge, bond, vrf), an upper device (vlan, macvlan, vxlan...) to its lower device,
 * and a vxlan to the vxlan whose local address is its remote (same VNI). A device that is down
 * is dashed, and so is every edge that touches it. Routes with a gateway are noted per namespace.
 */
import { createRequire } from 'node:module';
import { IpRoute } from '../api/iproute.js';
import { kindData } from '../rtnl/link/linkinfo.js';
import type { Link } from '../rtnl/link/link.js';
import type { TopologyDoc } from './document.js';
import { handleText, kernelParent } from './qdisc.js';
import type { Qdisc } from '../rtnl/tc/index.js';

/** One device of a picture. */
export interface PictureDevice {
  /** Its namespace: a PictureNamespace's `id` ('' for the root namespace). */
  netns: string;
  /** The device's name in its namespace. */
  name: string;
  /** The link kind ('veth', 'bridge', ...); for a device without one, its link type ('ether'). */
  kind: string;
  /** Administratively up (IFF_UP); a device that is not is drawn dashed. */
  up: boolean;
  /** Addresses with their prefix length (IPv6 link-local ones left out). */
  addresses: string[];
  /** Its qdiscs at root and ingress ('tbf 1:', 'ingress'), the kernel's defaults (handle 0) left out. */
  qdiscs?: string[];
}

/** One namespace of a picture: a box. */
export interface PictureNamespace {
  /** '' for the root namespace (the document's, or the handle's for a live picture). */
  id: string;
  /** What the box says. */
  label: string;
  /** Lines written under the devices (routes with a gateway). */
  notes: string[];
}

/** An edge between two devices, each named by [namespace id, device name]. */
export interface PictureEdge {
  /** veth: a veth pair; port: a device to its master; lower: an upper device to its lower one; tunnel: vxlan to vxlan. */
  type: 'veth' | 'port' | 'lower' | 'tunnel';
  /** Drawn first (left): the master, the lower device, the veth end that was created. */
  a: readonly [string, string];
  /** Drawn second; namespace '?' for a stub outside the picture (a peer in a namespace not covered). */
  b: readonly [string, string];
  /** Written on the edge. */
  label?: string;
}

/** A topology as a picture: namespaces, devices and the edges between them. */
export interface Picture {
  /** The graph's name: the document's, or the live namespace's ("live" without one). */
  name: string;
  /** The boxes, in drawing order. */
  namespaces: PictureNamespace[];
  /** Every device, in its namespace's box. */
  devices: PictureDevice[];
  /** Veth pairs, ports, lower devices, tunnels. */
  edges: PictureEdge[];
}

/** The output formats of a drawing: Graphviz DOT, SVG (DOT rendered), a Mermaid flowchart. */
export type DrawFormat = 'dot' | 'svg' | 'mermaid';

const ROOT_LABEL = 'root namespace';
const LOWER_EDGE_KINDS = new Set(['vlan', 'macvlan', 'macvtap', 'ipvlan', 'ipvtap']);

/**
 * The picture of a document's intended topology. `rootName` names the document's root
 * namespace (the one devices without `netns:` live in), which otherwise shows as "root namespace".
 */
export function pictureOfDocument(doc: TopologyDoc, rootName?: string): Picture {
  const namespaces: PictureNamespace[] = [
    { id: '', label: rootName === undefined ? ROOT_LABEL : `netns ${rootName}`, notes: [] },
    ...doc.namespaces.map((n) => ({ id: n.name, label: `netns ${n.name}`, notes: [] })),
  ];
  const devices: PictureDevice[] = [];
  const edges: PictureEdge[] = [];
  const tunnels: { at: [string, string]; id: unknown; local: unknown; remote: unknown }[] = [];
  for (const l of doc.links) {
    const ns = l.netns ?? '';
    for (const end of l.peer ? [l, l.peer] : [l]) {
      const endNs = end.netns ?? '';
      const qdiscs = doc.qdiscs.filter((q) => (q.netns ?? '') === endNs && q.dev === end.name).map((q) => `${q.kind}${q.handle ? ` ${q.handle}` : ''}`);
      devices.push({ netns: endNs, name: end.name, kind: l.kind, up: end.up === true, addresses: [...(end.addresses ?? [])], ...(qdiscs.length > 0 && { qdiscs }) });
      if (end.master !== undefined) edges.push({ type: 'port', a: [endNs, end.master], b: [endNs, end.name] });
    }
    if (l.peer) edges.push({ type: 'veth', a: [ns, l.name], b: [l.peer.netns ?? '', l.peer.name], label: 'veth' });
    const lower = l.link ?? (typeof l.options?.dev === 'string' ? l.options.dev : undefined);
    if (lower !== undefined) edges.push({ type: 'lower', a: [ns, lower], b: [ns, l.name], label: l.kind });
    if (l.kind === 'vxlan') tunnels.push({ at: [ns, l.name], id: l.options?.id, local: l.options?.local, remote: l.options?.remote });
  }
  edges.push(...tunnelEdges(tunnels));
  for (const r of doc.routes) {
    namespaces.find((n) => n.id === (r.netns ?? ''))?.notes.push(routeNote(r.dst, r.via, r.dev));
  }
  // A document that puts nothing in its root namespace is drawn without it.
  const root = namespaces[0]!;
  if (root.notes.length === 0 && !devices.some((d) => d.netns === '')) namespaces.shift();
  return { name: doc.name, namespaces, devices, edges };
}

/** vxlan pairs whose remote is the other's local, on the same VNI: one edge each. */
function tunnelEdges(tunnels: { at: [string, string]; id: unknown; local: unknown; remote: unknown }[]): PictureEdge[] {
  const out: PictureEdge[] = [];
  tunnels.forEach((t, i) => {
    for (const u of tunnels.slice(i + 1)) {
      if (t.remote !== undefined && t.remote === u.local && u.remote === t.local && String(t.id) === String(u.id)) {
        out.push({ type: 'tunnel', a: t.at, b: u.at, label: `vni ${String(t.id)}` });
      }
    }
  });
  return out;
}

function routeNote(dst: string, via: string | undefined, dev: string | undefined): string {
  return `route ${dst}${via ? ` via ${via}` : ''}${dev ? ` dev ${dev}` : ''}`;
}

/** What a live picture covers. */
export interface ReadPictureOptions {
  /** The name the handle's own namespace is shown with. Default: its name (opened by name, or found in /run/netns); without one it shows as "root namespace". */
  rootName: string;
  /** The named namespaces (entries of /run/netns) to draw beside the handle's, in this order. Default: all, by name. */
  namespaces: readonly string[];
}

/**
 * The picture of what the kernel holds now: the namespace of `ip` and every namespace named in
 * /run/netns (or those of `options.namespaces`), their devices (but `lo`) and addresses. A veth
 * is joined to its peer through IFLA_LINK (the peer's ifindex) and IFLA_LINK_NETNSID (its
 * namespace, as an nsid of the namespace the veth is in, turned into a name with that
 * namespace's own nsid table). A peer in a namespace the picture does not cover is drawn as a
 * stub outside every box. Handles for the named namespaces are opened and closed here.
 */
export async function readPicture(ip: IpRoute, options: Readonly<Partial<ReadPictureOptions>> = {}): Promise<Picture> {
  const here = await ip.netns.identify();
  const selfName = ip.ctx.netnsName ?? here.at(-1);
  // In the order given, or by name (ns2 before ns10), not /run/netns's newest first.
  const all = options.namespaces ?? (await ip.netns.list()).map((e) => e.name).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const named = all.filter((n) => n !== selfName && !here.includes(n));
  const t = ip.ctx.netns;
  // The handle's namespace as a file others can be asked about (its nsid in their tables).
  const selfPath = t === undefined ? '/proc/self/ns/net' : 'path' in t ? t.path : 'pid' in t ? `/proc/${t.pid}/ns/net` : `/proc/self/fd/${t.fd}`;

  interface NsRead { id: string; links: Link[]; addrs: Map<number, string[]>; qdiscs: Qdisc[]; notes: string[]; names: Map<number, string> }
  const readOne = async (id: string, h: IpRoute): Promise<NsRead> => {
    // Links first: dumping a veth whose peer is elsewhere makes the kernel assign that nsid.
    const links = await h.link.list({ stats: false });
    const [addrs, routes, list, qdiscs] = await Promise.all([h.addr.list(), h.route.list(), h.netns.list(), h.tc.qdisc.list()]);
    const names = new Map<number, string>();
    for (const e of list) if (e.id !== undefined && e.name !== selfName && !here.includes(e.name)) names.set(e.id, e.name);
    if (id !== '') {
      const selfId = await h.netns.idOf({ path: selfPath });
      if (selfId !== undefined) names.set(selfId, '');
    }
    const byDev = new Map<number, string[]>();
    for (const a of addrs) {
      if (a.local === undefined || (a.family === 'inet6' && a.scope === 'link')) continue;
      byDev.set(a.ifindex, [...(byDev.get(a.ifindex) ?? []), `${a.local}/${a.prefixlen}`]);
    }
    // As a document writes them: the main table's routes through a gateway.
    const notes = routes.filter((r) => r.gateway !== undefined && r.table === 'main').map((r) => routeNote(r.dst, r.gateway, undefined));
    // Root and ingress qdiscs but the kernel's defaults (handle 0).
    return { id, links, addrs: byDev, qdiscs: qdiscs.filter((q) => q.handle !== 0 && kernelParent(q) !== undefined), notes, names };
  };

  const reads = [await readOne('', ip)];
  await Promise.all(named.map(async (name) => {
    await using h = await IpRoute.open({ netns: name });
    reads.push(await readOne(name, h));
  }));
  reads.sort((a, b) => (a.id === '' ? -1 : b.id === '' ? 1 : named.indexOf(a.id) - named.indexOf(b.id)));

  const rootName = options.rootName ?? selfName;
  const rootLabel = rootName === undefined ? ROOT_LABEL : `netns ${rootName}`;
  const namespaces = reads.map((r) => ({ id: r.id, label: r.id === '' ? rootLabel : `netns ${r.id}`, notes: r.notes }));
  const devices: PictureDevice[] = [];
  const edges: PictureEdge[] = [];
  const byId = new Map(reads.map((r) => [r.id, r]));
  const seenVeth = new Set<string>();
  const tunnels: { at: [string, string]; id: unknown; local: unknown; remote: unknown }[] = [];
  for (const r of reads) {
    const byIndex = new Map(r.links.map((l) => [l.ifindex, l]));
    for (const l of r.links) {
      if (l.ifname === 'lo') continue;
      const kind = l.linkinfo?.kind ?? (typeof l.linkType === 'string' ? l.linkType : 'device');
      const qdiscs = r.qdiscs.filter((q) => q.ifindex === l.ifindex).map((q) => `${q.kind} ${handleText(q.handle)}`);
      devices.push({ netns: r.id, name: l.ifname, kind, up: l.flags.includes('UP'), addresses: r.addrs.get(l.ifindex) ?? [], ...(qdiscs.length > 0 && { qdiscs }) });
      const master = l.master === undefined ? undefined : byIndex.get(l.master);
      if (master) edges.push({ type: 'port', a: [r.id, master.ifname], b: [r.id, l.ifname] });
      // Where IFLA_LINK points: this namespace, a named one (through the nsid), or outside the picture.
      const otherNs = l.linkNetnsid === undefined ? r.id : r.names.get(l.linkNetnsid);
      const other = l.link === undefined || l.link === 0 || (l.link === l.ifindex && otherNs === r.id) || otherNs === undefined
        ? undefined : byId.get(otherNs)?.links.find((k) => k.ifindex === l.link);
      if (kind === 'veth' && l.link !== undefined && l.link !== 0) {
        if (other) {
          const key = [`${r.id}/${l.ifname}`, `${otherNs!}/${other.ifname}`].sort().join(' ');
          if (!seenVeth.has(key)) edges.push({ type: 'veth', a: [r.id, l.ifname], b: [otherNs!, other.ifname], label: 'veth' });
          seenVeth.add(key);
        } else {
          const stub = `peer ifindex ${l.link}${l.linkNetnsid === undefined ? '' : ` in nsid ${l.linkNetnsid}`}`;
          edges.push({ type: 'veth', a: [r.id, l.ifname], b: ['?', stub], label: 'veth' });
        }
      } else if (other) {
        edges.push({ type: 'lower', a: [otherNs!, other.ifname], b: [r.id, l.ifname], label: kind });
      }
      const vx = kindData(l.linkinfo, 'vxlan');
      if (vx) {
        const lower = vx.link === undefined ? undefined : byIndex.get(vx.link);
        if (lower && !other) edges.push({ type: 'lower', a: [r.id, lower.ifname], b: [r.id, l.ifname], label: 'vxlan' });
        tunnels.push({ at: [r.id, l.ifname], id: vx.id, local: vx.local ?? vx.local6, remote: vx.group ?? vx.group6 });
      }
    }
  }
  edges.push(...tunnelEdges(tunnels));
  return { name: selfName ?? 'live', namespaces, devices, edges };
}

// ---- DOT ----

const FONT = 'Helvetica,Arial,sans-serif';
const KIND_FILL: Readonly<Record<string, string>> = {
  bridge: '#fde2b8', veth: '#dbeafe', vxlan: '#d9f2e3', geneve: '#d9f2e3', vlan: '#ece0fa', macvlan: '#ece0fa',
  macvtap: '#ece0fa', ipvlan: '#ece0fa', bond: '#fbd9d9', vrf: '#fbf3c4',
};

/** A DOT quoted id or string: backslash and double quote escaped. */
function q(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
/** Text inside a DOT HTML-like label. */
function h(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
/** A device's node id: its name in the root namespace, NS/NAME elsewhere (neither may contain '/'). */
function nodeId(ns: string, name: string): string {
  return ns === '' ? name : `${ns}/${name}`;
}

/** The picture as a Graphviz DOT graph (left to right, one cluster per namespace). */
export function pictureToDot(p: Picture): string {
  const down = new Set(p.devices.filter((d) => !d.up).map((d) => nodeId(d.netns, d.name)));
  const out = [
    `graph ${q(p.name)} {`,
    `  graph [rankdir=LR, fontname=${q(FONT)}, fontsize=13, nodesep=0.35, ranksep=0.9, pad=0.3, compound=true];`,
    `  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#445566", fontname=${q(FONT)}, fontsize=11, margin="0.2,0.08"];`,
    `  edge [fontname=${q(FONT)}, fontsize=9, color="#445566", fontcolor="#334455"];`,
  ];
  p.namespaces.forEach((ns, i) => {
    out.push(`  subgraph ${q(`cluster_${i}`)} {`);
    out.push(`    label=<<b>${h(ns.label)}</b>>; labeljust=l; style="rounded,filled"; fillcolor="${ns.id === '' ? '#f4f4f4' : '#eef4fb'}"; color="#8899aa";`);
    const devs = p.devices.filter((d) => d.netns === ns.id);
    for (const d of devs) {
      const id = nodeId(d.netns, d.name);
      const lines = [`<b>${h(d.name)}</b>`, `<font point-size="9" color="#556677">${h(d.kind)}${d.up ? '' : ', down'}</font>`, ...d.addresses.map(h),
        ...(d.qdiscs ?? []).map((q) => `<font point-size="9" color="#8a4b08">qdisc ${h(q)}</font>`)];
      const attrs = [`label=<${lines.join('<br/>')}>`, `fillcolor=${q(KIND_FILL[d.kind] ?? '#ffffff')}`];
      if (down.has(id)) attrs.push('style="rounded,filled,dashed"');
      out.push(`    ${q(id)} [${attrs.join(', ')}];`);
    }
    if (ns.notes.length > 0) {
      const label = ns.notes.map((n) => `${h(n)}<br align="left"/>`).join('');
      out.push(`    ${q(`${ns.id}//notes`)} [shape=note, style=filled, fillcolor="#fffbe6", fontsize=9, label=<${label}>];`);
    }
    // Graphviz drops an empty cluster: an empty namespace still shows as a box.
    if (devs.length === 0 && ns.notes.length === 0) out.push(`    ${q(`${ns.id}//empty`)} [shape=plaintext, style="", label="no devices", fontsize=9];`);
    out.push('  }');
  });
  const stubs = new Set<string>();
  for (const e of p.edges) {
    const a = nodeId(...e.a);
    const b = e.b[0] === '?' ? e.b[1] : nodeId(...e.b);
    if (e.b[0] === '?' && !stubs.has(b)) {
      stubs.add(b);
      out.push(`  ${q(b)} [shape=box, style="dashed", fontsize=9, label=${q(b)}];`);
    }
    const attrs: string[] = [];
    if (e.label !== undefined) attrs.push(`label=${q(e.label)}`);
    if (e.type === 'veth') attrs.push('penwidth=2');
    if (e.type === 'port') attrs.push('color="#b7791f"');
    if (e.type === 'tunnel') attrs.push('color="#2f855a"', 'penwidth=1.5', 'constraint=false');
    const isDown = down.has(a) || down.has(b) || e.b[0] === '?';
    attrs.push(`style=${isDown ? 'dashed' : e.type === 'tunnel' ? 'dotted' : 'solid'}`);
    out.push(`  ${q(a)} -- ${q(b)} [${attrs.join(', ')}];`);
  }
  out.push('}', '');
  return out.join('\n');
}

// ---- Mermaid ----

/** Text inside a Mermaid "..." label: a double quote is an entity there. */
function m(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '#quot;');
}

/** The picture as a Mermaid flowchart (left to right, one subgraph per namespace; down is dotted). */
export function pictureToMermaid(p: Picture): string {
  const ids = new Map<string, string>();
  p.devices.forEach((d, i) => ids.set(nodeId(d.netns, d.name), `d${i}`));
  const out = ['flowchart LR'];
  p.namespaces.forEach((ns, i) => {
    out.push(`  subgraph n${i}["${m(ns.label)}"]`);
    const devs = p.devices.filter((d) => d.netns === ns.id);
    for (const d of devs) {
      const lines = [`<b>${m(d.name)}</b>`, `${m(d.kind)}${d.up ? '' : ', down'}`, ...d.addresses.map(m), ...(d.qdiscs ?? []).map((q) => `qdisc ${m(q)}`)];
      out.push(`    ${ids.get(nodeId(d.netns, d.name))!}["${lines.join('<br/>')}"]`);
    }
    if (ns.notes.length > 0) out.push(`    n${i}notes>"${ns.notes.map(m).join('<br/>')}"]`);
    if (devs.length === 0 && ns.notes.length === 0) out.push(`    n${i}empty["no devices"]`);
    out.push('  end');
  });
  const down = new Set(p.devices.filter((d) => !d.up).map((d) => ids.get(nodeId(d.netns, d.name))!));
  let stubs = 0;
  for (const e of p.edges) {
    const a = ids.get(nodeId(...e.a));
    let b = e.b[0] === '?' ? undefined : ids.get(nodeId(...e.b));
    if (a === undefined) continue;
    if (e.b[0] === '?') {
      b = `s${stubs++}`;
      out.push(`  ${b}["${m(e.b[1])}"]`);
      down.add(b);
    }
    if (b === undefined) continue;
    const dotted = down.has(a) || down.has(b) || e.type === 'tunnel';
    const line = dotted ? '-.-' : e.type === 'veth' ? '===' : '---';
    out.push(`  ${a} ${line}${e.label === undefined ? '' : `|"${m(e.label)}"|`} ${b}`);
  }
  out.push('  classDef down stroke-dasharray: 5 5');
  if (down.size > 0) out.push(`  class ${[...down].join(',')} down`);
  out.push('');
  return out.join('\n');
}

// ---- SVG ----

/**
 * Render DOT to SVG with the WASM Graphviz of @viz-js/viz (instantiated once, on first use).
 * Throws when Graphviz cannot lay the graph out.
 */
export async function renderDotSvg(dot: string): Promise<string> {
  // Through require, not import(): the CLI bundle runs in a vm.Script, which has no dynamic
  // import; @viz-js/viz is left out of the bundle and found beside it (scripts/bundle-cli.js).
  viz ??= (createRequire(import.meta.url)('@viz-js/viz') as typeof import('@viz-js/viz')).instance();
  return (await viz).renderString(dot, { format: 'svg', engine: 'dot' });
}
let viz: Promise<Awaited<ReturnType<typeof import('@viz-js/viz').instance>>> | undefined;

/** A picture, or a document (drawn as intended), in `format`. */
export async function drawTopology(what: Picture | TopologyDoc, format: DrawFormat = 'dot'): Promise<string> {
  const p = 'devices' in what ? what : pictureOfDocument(what);
  if (format === 'mermaid') return pictureToMermaid(p);
  const dot = pictureToDot(p);
  return format === 'svg' ? renderDotSvg(dot) : dot;
}
