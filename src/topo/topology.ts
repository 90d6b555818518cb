/**
 * Topology: plan, apply, destroy a topology document against the kernel.
 *
 * Ownership: every device a topology creates carries the IFLA_IFALIAS `rtnl-ts topo <name>`
 * (a veth's peer too, set in the same RTM_NEWLINK), and every namespace it creates has that
 * alias on its `lo`. Destroy removes only namespaces and root-namespace devices carrying the
 * marker; apply refuses to take over a device of the same name without it (a hand-made one).
 * A namespace whose `lo` has no alias and which holds nothing else is adopted, so an apply
 * killed between `netns add` and the marker converges. Addresses, routes, neighbours, rules
 * and qdiscs live on owned devices or in owned namespaces and go with them, and so do the
 * sysctls apply writes (only devices and namespaces of the document have them: nothing of the
 * root namespace's own is written, so nothing needs restoring). Routes and rules carry
 * TOPO_PROTOCOL: plan deletes those that left the document, destroy the root namespace's.
 *
 * Apply works in phases (namespaces, devices, lower-device kinds, device settings, addresses,
 * routes/neighbours/rules/sysctls); within a phase the namespaces run in parallel and each
 * namespace's requests are pipelined (Conn.pipeline: many messages per sendmsg).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { IpRoute } from '../api/iproute.js';
import type { RouteSpec } from '../api/route.js';
import type { Link } from '../rtnl/link/link.js';
import { loadTopology, parseTopology, type EndSpec, type LinkDoc, type TopologyDoc } from './document.js';
import { drawTopology, pictureOfDocument, type DrawFormat } from './draw.js';
import { handleText, kernelParent, qdiscDiffs, qdiscParent, qdiscSpec } from './qdisc.js';
import { TC_H_INGRESS, type Qdisc } from '../rtnl/tc/index.js';
import { protocols } from '../rtnl/route/names.js';
import type { Route } from '../rtnl/route/index.js';
import type { Rule } from '../rtnl/rule/index.js';

/** One step of a plan: what it does (one line of `topo plan`) and how. */
export interface Change {
  op: 'create' | 'modify' | 'delete';
  /** '' for the handle's own namespace. */
  netns: string;
  what: string;
  phase: number;
  /** Part of another change's line (settings of a device just created): not printed. */
  quiet?: boolean;
  /** A sysctl change: read before planning, dropped when already equal. */
  sysctl?: { key: string; value: string };
  /** Carry the change out with the namespace's handle. */
  run: (h: IpRoute, ctx: RunContext) => Promise<void>;
}
/** What a change may use beside the handle: running a command inside a namespace. */
export interface RunContext {
  /** Run `cmd args` inside namespace `ns`; resolves with its output. */
  exec: (ns: string, cmd: string, args: string[]) => Promise<string> }

/** A namespace as read from the kernel ('' = the handle's own). */
interface NsState {
  exists: boolean;
  owned: boolean;
  links: Map<string, Link>;
  byIndex: Map<number, Link>;
  addrs: Map<string, Set<string>>;
  routes: Set<string>;
  neighs: Set<string>;
  rules: Set<number>;
  qdiscs: Qdisc[];
  /** Routes and rules a topology added (protocol TOPO_PROTOCOL). */
  markedRoutes: Route[];
  markedRules: Rule[];
}

/**
 * The rtm_protocol (and FRA_PROTOCOL) of the routes and rules a topology adds: how plan finds
 * the ones that left the document, and destroy the root namespace's. No rt_protos name uses 116.
 */
export const TOPO_PROTOCOL = 116;

const PHASE = { netns: 0, link: 1, lower: 2, settings: 3, addrDel: 4, addr: 5, other: 6 } as const;
const LOWER_KINDS = new Set(['vlan', 'macvlan', 'macvtap', 'ipvlan', 'ipvtap', 'vxlan']);

/** A topology document, loaded and checked: plan, apply and destroy it against the kernel. */
export class Topology {
  /** The IFLA_IFALIAS that marks what this topology owns. */
  readonly marker: string;

  constructor(readonly doc: TopologyDoc) {
    this.marker = `rtnl-ts topo ${doc.name}`;
  }

  /** Read and validate a YAML or JSON file (TopologyError lists every problem). */
  static load(file: string): Topology { return new Topology(loadTopology(file)); }
  /** Validate a document's text. */
  static parse(text: string, file?: string): Topology { return new Topology(parseTopology(text, file)); }

  /** Every device end: [namespace, spec, owning link]. */
  private ends(): [string, EndSpec, LinkDoc][] {
    const out: [string, EndSpec, LinkDoc][] = [];
    for (const l of this.doc.links) {
      out.push([l.netns ?? '', l, l]);
      if (l.peer) out.push([l.peer.netns ?? '', l.peer, l]);
    }
    return out;
  }

  /**
   * The document's intended topology as a picture in `format` (DOT, SVG rendered by WASM
   * Graphviz, or Mermaid); nothing is read from the kernel. `rootName` labels the namespace
   * that devices without `netns:` live in. See readPicture for what the kernel holds.
   */
  draw(format: DrawFormat = 'dot', rootName?: string): Promise<string> {
    return drawTopology(pictureOfDocument(this.doc, rootName), format);
  }

  private namespaceNames(): string[] { return ['', ...this.doc.namespaces.map((n) => n.name)]; }

  /** What apply would do, read from the kernel through `ip` (and handles it opens per namespace). */
  async plan(ip: IpRoute): Promise<Change[]> {
    const state = await this.read(ip);
    const changes: Change[] = [];
    const marker = this.marker;
    const st = (ns: string): NsState => state.get(ns)!;

    for (const ns of this.doc.namespaces) {
      const s = st(ns.name);
      if (!s.exists) {
        changes.push({ op: 'create', netns: '', what: `netns ${ns.name}`, phase: PHASE.netns, run: async (h) => {
          await h.netns.add(ns.name);
          await using inner = await IpRoute.open({ netns: ns.name });
          await inner.link.set('lo', { alias: marker });
        } });
      } else if (!s.owned) {
        throw new Error(`namespace "${ns.name}" exists and was not made by topology "${this.doc.name}"`);
      }
      // lo: up, and the namespace's owner mark (adopting one an earlier apply left unmarked).
      const lo = s.links.get('lo');
      const loSet = { ...(lo?.flags.includes('UP') !== true && { up: true }), ...(s.exists && lo?.ifalias !== marker && { alias: marker }) };
      if (Object.keys(loSet).length > 0) {
        changes.push({ op: 'modify', netns: ns.name, what: `link lo in ${ns.name}: ${Object.keys(loSet).join(', ')}`, phase: PHASE.settings, quiet: !s.exists, run: (h) => h.link.set('lo', loSet) });
      }
    }

    for (const [ns, end, link] of this.ends()) {
      const s = st(ns);
      const cur = s.links.get(end.name);
      const isPeer = end !== link;
      const where = ns ? ` in ${ns}` : '';
      // The kernel ignores IFLA_IFALIAS in a creating RTM_NEWLINK, so the marker comes with the
      // settings below: an unmarked device in a namespace of ours is one whose apply was cut short.
      const adopt = cur !== undefined && cur.ifalias === undefined && ns !== '' && s.owned;
      if (cur !== undefined && cur.ifalias !== marker && !adopt) {
        throw new Error(`device "${end.name}"${where} exists and was not made by topology "${this.doc.name}"`);
      }
      if (cur === undefined && !isPeer) {
        const spec: Record<string, unknown> = { ...link.options, name: link.name, type: link.kind };
        if (link.mtu !== undefined) spec.mtu = link.mtu;
        if (link.link !== undefined) spec.link = link.link;
        if (link.peer) {
          const p: Record<string, unknown> = { name: link.peer.name };
          if (link.peer.netns !== undefined && link.peer.netns !== ns) p.netns = link.peer.netns;
          if (link.peer.mtu !== undefined) p.mtu = link.peer.mtu;
          spec.peer = p;
        }
        const peerText = link.peer ? `, peer ${link.peer.name}${link.peer.netns ? `@${link.peer.netns}` : ''}` : '';
        changes.push({
          op: 'create', netns: ns, what: `link ${link.name} (${link.kind}${peerText})`,
          phase: LOWER_KINDS.has(link.kind) ? PHASE.lower : PHASE.link,
          run: (h) => h.link.add(spec as unknown as Parameters<IpRoute['link']['add']>[0]).then(() => undefined),
        });
      }
      // Settings: compared to the device as it is (or as a fresh one is: down, no master).
      const fresh = cur === undefined;
      const set: Record<string, unknown> = {};
      const diffs: string[] = [];
      const wantUp = end.up ?? false;
      const isUp = cur?.flags.includes('UP') === true;
      if (end.master !== undefined) {
        const m = cur?.master === undefined ? undefined : s.byIndex.get(cur.master)?.ifname;
        if (m !== end.master) { set.master = end.master; diffs.push(`master ${m ?? '-'} -> ${end.master}`); }
      }
      if (isPeer && end.mtu !== undefined && cur !== undefined && cur.mtu !== end.mtu) { set.mtu = end.mtu; diffs.push(`mtu ${cur.mtu} -> ${end.mtu}`); }
      if (!isPeer && link.mtu !== undefined && cur !== undefined && cur.mtu !== link.mtu) { set.mtu = link.mtu; diffs.push(`mtu ${cur.mtu} -> ${link.mtu}`); }
      if (wantUp !== isUp && (end.up !== undefined)) { set.up = wantUp; diffs.push(wantUp ? 'up' : 'down'); }
      if (cur?.ifalias !== marker) { set.alias = marker; diffs.push('owner mark'); }
      if (diffs.length > 0) {
        changes.push({ op: 'modify', netns: ns, what: `link ${end.name}${where}: ${diffs.join(', ')}`, phase: PHASE.settings, quiet: fresh, run: (h) => h.link.set(end.name, set) });
      }
      // Addresses: what the device has beyond the document (but link-local IPv6) goes.
      const have = s.addrs.get(end.name) ?? new Set<string>();
      const want = new Set(end.addresses ?? []);
      for (const a of want) {
        if (!have.has(a)) changes.push({ op: 'create', netns: ns, what: `address ${a} on ${end.name}${where}`, phase: PHASE.addr, run: (h) => h.addr.add(end.name, a) });
      }
      for (const a of have) {
        if (!want.has(a)) changes.push({ op: 'delete', netns: ns, what: `address ${a} on ${end.name}${where}`, phase: PHASE.addrDel, run: (h) => h.addr.del(end.name, a) });
      }
      for (const [k, v] of Object.entries(end.sysctls ?? {})) {
        const fam = k === 'accept_ra' ? 'ipv6' : 'ipv4';
        const key = `net.${fam}.conf.${end.name}.${k}`;
        changes.push(sysctlChange(ns, key, String(v)));
      }
    }

    for (const ns of this.doc.namespaces) {
      for (const [k, v] of Object.entries(ns.sysctls ?? {})) {
        const key = k === 'ip_forward' ? 'net.ipv4.ip_forward' : 'net.ipv6.conf.all.forwarding';
        changes.push(sysctlChange(ns.name, key, String(v)));
      }
    }
    for (const r of this.doc.routes) {
      const ns = r.netns ?? '';
      const key = routeKey(r.dst, r.via, r.table);
      if (st(ns).routes.has(key)) continue;
      const spec = { dst: r.dst, ...(r.via && { via: r.via }), ...(r.dev && { dev: r.dev }), ...(r.table && { table: r.table }), ...(r.metric !== undefined && { metric: r.metric }), proto: TOPO_PROTOCOL };
      changes.push({ op: 'create', netns: ns, what: `route ${r.dst}${r.via ? ` via ${r.via}` : ''}${r.dev ? ` dev ${r.dev}` : ''}${ns ? ` in ${ns}` : ''}`, phase: PHASE.other, run: (h) => h.route.add(spec) });
    }
    for (const n of this.doc.neighbours) {
      const ns = n.netns ?? '';
      if (st(ns).neighs.has(`${n.dst} ${n.dev} ${n.lladdr.toLowerCase()}`)) continue;
      changes.push({ op: 'create', netns: ns, what: `neighbour ${n.dst} lladdr ${n.lladdr} dev ${n.dev}${ns ? ` in ${ns}` : ''}`, phase: PHASE.other, run: (h) => h.neigh.add({ dst: n.dst, dev: n.dev, lladdr: n.lladdr, nud: 'permanent' }) });
    }
    for (const r of this.doc.rules) {
      const ns = r.netns ?? '';
      if (st(ns).rules.has(r.priority)) continue;
      const spec = { priority: r.priority, table: r.table, ...(r.from && { from: r.from }), ...(r.to && { to: r.to }), protocol: TOPO_PROTOCOL };
      changes.push({ op: 'create', netns: ns, what: `rule pref ${r.priority} lookup ${r.table}${ns ? ` in ${ns}` : ''}`, phase: PHASE.other, run: (h) => h.rule.add(spec) });
    }
    changes.push(...this.planLeftovers(state));
    changes.push(...this.planQdiscs(state));
    return this.withSysctlValues(changes, state, ip.ctx.netnsName ?? '');
  }

  /**
   * Routes and rules a topology added (TOPO_PROTOCOL) that are no longer in the document: in its
   * namespaces, and routes through its devices in the root namespace. A marked route on another
   * device of the root namespace, or a marked rule there, may be another topology's, and stays.
   * Deleted before anything is added, so a route whose gateway changed is replaced.
   */
  private planLeftovers(state: Map<string, NsState>): Change[] {
    const changes: Change[] = [];
    for (const ns of this.namespaceNames()) {
      const s = state.get(ns)!;
      if (!s.exists) continue;
      const where = ns ? ` in ${ns}` : '';
      const routes = new Set(this.doc.routes.filter((r) => (r.netns ?? '') === ns).map((r) => routeKey(r.dst, r.via, r.table)));
      for (const r of s.markedRoutes) {
        if (routes.has(kernelRouteKey(r))) continue;
        if (ns === '' && (r.dev === undefined || s.byIndex.get(r.dev)?.ifalias !== this.marker)) continue;
        changes.push({ op: 'delete', netns: ns, what: `route ${routeText(r)}${where}`, phase: PHASE.addrDel, run: (h) => h.route.del(routeRef(r)) });
      }
      if (ns === '') continue;
      const rules = new Set(this.doc.rules.filter((r) => r.netns === ns).map((r) => r.priority));
      for (const r of s.markedRules) {
        if (!rules.has(r.priority)) changes.push({ op: 'delete', netns: ns, what: `rule pref ${r.priority} lookup ${r.table}${where}`, phase: PHASE.addrDel, run: (h) => h.rule.del(r) });
      }
    }
    return changes;
  }

  /**
   * The document's qdiscs at root or ingress of its devices: made, changed (replace keeps a
   * qdisc's kind and handle, so another kind or handle is a delete and an add), and any other
   * qdisc there removed, as addresses beyond the document are (the kernel's default, handle 0,
   * is left alone).
   */
  private planQdiscs(state: Map<string, NsState>): Change[] {
    const changes: Change[] = [];
    const claimed = new Set<Qdisc>();
    const at = (ns: string, dev: string): Qdisc[] => {
      const s = state.get(ns)!;
      const ifindex = s.links.get(dev)?.ifindex;
      return ifindex === undefined ? [] : s.qdiscs.filter((k) => k.ifindex === ifindex && k.handle !== 0 && kernelParent(k) !== undefined);
    };
    for (const q of this.doc.qdiscs) {
      const ns = q.netns ?? '';
      const place = `${qdiscParent(q)} of ${q.dev}${ns ? ` in ${ns}` : ''}`;
      const have = at(ns, q.dev).find((k) => kernelParent(k) === qdiscParent(q));
      const spec = qdiscSpec(q);
      if (have === undefined) {
        changes.push({ op: 'create', netns: ns, what: `qdisc ${q.kind}${q.handle ? ` ${q.handle}` : ''} at ${place}`, phase: PHASE.other,
          run: (h) => h.tc.qdisc.replace(spec).then(() => undefined) });
        continue;
      }
      claimed.add(have);
      const diffs = qdiscDiffs(q, have);
      if (diffs.length === 0) continue;
      const anew = have.kind !== q.kind || (q.handle !== undefined && diffs.some((d) => d.startsWith('handle')));
      changes.push({ op: 'modify', netns: ns, what: `qdisc ${q.kind} at ${place}: ${diffs.join(', ')}`, phase: PHASE.other, run: async (h) => {
        if (!anew) { await h.tc.qdisc.replace(spec); return; }
        await h.tc.qdisc.del({ dev: q.dev, parent: spec.parent!, handle: have.handle });
        await h.tc.qdisc.add(spec);
      } });
    }
    for (const [ns, end] of this.ends()) {
      for (const k of at(ns, end.name)) {
        if (claimed.has(k)) continue;
        const parent = kernelParent(k)!;
        changes.push({ op: 'delete', netns: ns, what: `qdisc ${k.kind} ${handleText(k.handle)} at ${parent} of ${end.name}${ns ? ` in ${ns}` : ''}`, phase: PHASE.other,
          run: (h) => h.tc.qdisc.del({ dev: end.name, parent: parent === 'root' ? 'root' : TC_H_INGRESS, handle: k.handle }).then(() => undefined) });
      }
    }
    return changes;
  }

  /** Sysctls are read only when planned, one `sysctl -n` per namespace; equal ones drop out. */
  private async withSysctlValues(changes: Change[], state: Map<string, NsState>, rootName: string): Promise<Change[]> {
    const sys = changes.filter((c) => c.sysctl !== undefined);
    const byNs = new Map<string, Change[]>();
    for (const c of sys) byNs.set(c.netns, [...(byNs.get(c.netns) ?? []), c]);
    const drop = new Set<Change>();
    await Promise.all([...byNs].map(async ([ns, cs]) => {
      if (!state.get(ns)!.exists) return;
      const keys = cs.map((c) => c.sysctl!.key);
      const out = await runCmd(ns || rootName, 'sysctl', ['-n', ...keys]).catch(() => '');
      const vals = out.split('\n');
      cs.forEach((c, i) => { if (vals[i]?.trim() === c.sysctl!.value) drop.add(c); });
    }));
    return changes.filter((c) => !drop.has(c));
  }

  /** Make the kernel match the document; returns the changes made. */
  async apply(ip: IpRoute): Promise<Change[]> {
    const changes = await this.plan(ip);
    const handles = new Map<string, IpRoute>([['', ip]]);
    try {
      const phases = [...new Set(changes.map((c) => c.phase))].sort((a, b) => a - b);
      for (const phase of phases) {
        const now = changes.filter((c) => c.phase === phase);
        const byNs = new Map<string, Change[]>();
        for (const c of now) byNs.set(c.netns, [...(byNs.get(c.netns) ?? []), c]);
        await Promise.all([...byNs].map(async ([ns, cs]) => {
          let h = handles.get(ns);
          if (h === undefined) { h = await IpRoute.open({ netns: ns }); handles.set(ns, h); }
          const hh = h;
          await hh.ctx.conn.pipeline(() => Promise.all(cs.map((c) => c.run(hh, { exec: (n, cmd, args) => runCmd(n || (ip.ctx.netnsName ?? ''), cmd, args) }))));
        }));
      }
    } finally {
      for (const [ns, h] of handles) if (ns !== '') h.close();
    }
    return changes;
  }

  /**
   * Remove what this topology owns (marked namespaces and root-namespace devices, the root
   * namespace's routes and rules of the document that carry TOPO_PROTOCOL, and its qdiscs on
   * root-namespace devices it does not make, such as lo); returns what went.
   */
  async destroy(ip: IpRoute): Promise<Change[]> {
    const done: Change[] = [];
    // Routes and rules of the root namespace first: those on other devices do not go with ours.
    const rootRoutes = new Set(this.doc.routes.filter((r) => r.netns === undefined).map((r) => routeKey(r.dst, r.via, r.table)));
    const rootRules = new Set(this.doc.rules.filter((r) => r.netns === undefined).map((r) => r.priority));
    // A qdisc on a root-namespace device the document does not make (lo) goes with no device either.
    const ours = new Set(this.ends().filter(([ns]) => ns === '').map(([, e]) => e.name));
    const rootQdiscs = this.doc.qdiscs.filter((q) => q.netns === undefined && !ours.has(q.dev));
    if (rootRoutes.size + rootRules.size + rootQdiscs.length > 0) {
      const s = await readNs(ip, this.marker);
      const gone = (e: unknown): void => { if (!['ESRCH', 'ENOENT'].includes((e as { code?: string }).code ?? '')) throw e; };
      for (const r of s.markedRoutes.filter((k) => rootRoutes.has(kernelRouteKey(k)))) {
        await ip.route.del(routeRef(r)).catch(gone);
        done.push({ op: 'delete', netns: '', what: `route ${routeText(r)}`, phase: 0, run: async () => {} });
      }
      for (const r of s.markedRules.filter((k) => rootRules.has(k.priority))) {
        await ip.rule.del(r).catch(gone);
        done.push({ op: 'delete', netns: '', what: `rule pref ${r.priority} lookup ${r.table}`, phase: 0, run: async () => {} });
      }
      for (const q of rootQdiscs) {
        const ifindex = s.links.get(q.dev)?.ifindex;
        const k = s.qdiscs.find((x) => x.ifindex === ifindex && x.handle !== 0 && x.kind === q.kind && kernelParent(x) === qdiscParent(q));
        if (k === undefined) continue;
        await ip.tc.qdisc.del({ dev: q.dev, parent: qdiscParent(q) === 'root' ? 'root' : TC_H_INGRESS, handle: k.handle }).catch(gone);
        done.push({ op: 'delete', netns: '', what: `qdisc ${k.kind} ${handleText(k.handle)} at ${qdiscParent(q)} of ${q.dev}`, phase: 0, run: async () => {} });
      }
    }
    // Devices first: a veth goes with its peer, before its namespace is (lazily) cleaned up.
    const links = await ip.link.list({ stats: false });
    const dels = this.doc.links.filter((l) => (l.netns ?? '') === '' && links.some((k) => k.ifname === l.name && k.ifalias === this.marker));
    await ip.ctx.conn.pipeline(() => Promise.all(dels.map((l) => ip.link.del(l.name).catch((e: unknown) => {
      // A veth may go with its namespace when that is cleaned up at the same time.
      if ((e as { code?: string }).code !== 'ENODEV') throw e;
    }))));
    for (const l of dels) done.push({ op: 'delete', netns: '', what: `link ${l.name}`, phase: 0, run: async () => {} });
    const existing = new Set(this.doc.namespaces.map((n) => n.name).filter(netnsExists));
    await Promise.all(this.doc.namespaces.map(async (ns) => {
      if (!existing.has(ns.name)) return;
      let owned: boolean;
      {
        await using h = await IpRoute.open({ netns: ns.name });
        owned = (await readNs(h, this.marker)).owned;
      }
      if (!owned) return;
      await ip.netns.del(ns.name);
      done.push({ op: 'delete', netns: '', what: `netns ${ns.name}`, phase: 0, run: async () => {} });
    }));
    return done;
  }

  /** Read every namespace the document names. */
  private async read(ip: IpRoute): Promise<Map<string, NsState>> {
    const existing = new Set(this.doc.namespaces.map((n) => n.name).filter(netnsExists));
    const out = new Map<string, NsState>();
    await Promise.all(this.namespaceNames().map(async (ns) => {
      if (ns !== '' && !existing.has(ns)) {
        out.set(ns, {
          exists: false, owned: false, links: new Map(), byIndex: new Map(), addrs: new Map(), routes: new Set(), neighs: new Set(), rules: new Set(),
          qdiscs: [], markedRoutes: [], markedRules: [],
        });
        return;
      }
      const h = ns === '' ? ip : await IpRoute.open({ netns: ns });
      try { out.set(ns, await readNs(h, this.marker)); } finally { if (ns !== '') h.close(); }
    }));
    return out;
  }
}

async function readNs(h: IpRoute, marker: string): Promise<NsState> {
  const [links, addrs, routes, neighs, rules, qdiscs] = await Promise.all([
    h.link.list({ stats: false }), h.addr.list(), h.route.list({ table: 'all' }), h.neigh.list(), h.rule.list(), h.tc.qdisc.list(),
  ]);
  const byIndex = new Map(links.map((l) => [l.ifindex, l]));
  const lo = links.find((l) => l.ifname === 'lo');
  const owned = lo?.ifalias === marker || (links.length === 1 && lo?.ifalias === undefined);
  const addrMap = new Map<string, Set<string>>();
  for (const a of addrs) {
    if (a.scope === 'link' && a.family === 'inet6') continue;
    const name = byIndex.get(a.ifindex)?.ifname;
    if (name === undefined || a.local === undefined) continue;
    const set = addrMap.get(name) ?? new Set<string>();
    addrMap.set(name, set);
    set.add(`${a.local}/${a.prefixlen}`);
  }
  return {
    exists: true, owned, byIndex, addrs: addrMap,
    links: new Map(links.map((l) => [l.ifname, l])),
    routes: new Set(routes.map(kernelRouteKey)),
    neighs: new Set(neighs.map((n) => `${n.dst} ${byIndex.get(n.ifindex)?.ifname} ${String(n.lladdr ?? '').toLowerCase()}`)),
    rules: new Set(rules.map((r) => r.priority)),
    qdiscs,
    markedRoutes: routes.filter((r) => r.protocol === MARK),
    markedRules: rules.filter((r) => r.protocol === MARK),
  };
}

/** A read of /run/netns, not `ip.netns.list()`, which may assign nsids (a change). */
function netnsExists(name: string): boolean {
  return existsSync(`/run/netns/${name}`);
}

/** TOPO_PROTOCOL as Route and Rule name their protocol. */
const MARK = protocols.name(TOPO_PROTOCOL);

/** A kernel route's key, as routeKey makes a document route's. */
function kernelRouteKey(r: Route): string {
  return routeKey(r.dstLen === 0 ? 'default' : r.dst.includes('/') ? r.dst : `${r.dst}/${r.dstLen}`, r.gateway, r.table === 'main' ? undefined : Number(r.table));
}

/** What route.del takes to remove exactly this kernel route. */
function routeRef(r: Route): RouteSpec {
  return {
    dst: r.dstLen === 0 ? 'default' : r.dst, family: r.family === 'inet6' ? 'inet6' : 'inet', table: r.table, proto: TOPO_PROTOCOL,
    ...(r.gateway !== undefined && { via: r.gateway }), ...(r.dev !== undefined && { dev: r.dev }), ...(r.metric !== undefined && { metric: r.metric }),
  };
}

function routeText(r: Route): string {
  return `${r.dstLen === 0 ? 'default' : r.dst}${r.gateway ? ` via ${r.gateway}` : ''}${r.table === 'main' ? '' : ` table ${r.table}`}`;
}

function routeKey(dst: string, via: string | undefined, table: number | undefined): string {
  const d = dst === 'default' || dst.includes('/') ? dst : `${dst}/${dst.includes(':') ? 128 : 32}`;
  return `${d} ${via ?? ''} ${table ?? ''}`;
}

function sysctlChange(ns: string, key: string, value: string): Change {
  return { op: 'modify', netns: ns, what: `sysctl ${key}=${value}${ns ? ` in ${ns}` : ''}`, phase: PHASE.other, sysctl: { key, value },
    run: async (_h, ctx) => { await ctx.exec(ns, 'sysctl', ['-qw', `${key}=${value}`]); } };
}

/** Run a command in a named namespace (`ip netns exec`) or here; its stdout. */
async function runCmd(ns: string, cmd: string, args: string[]): Promise<string> {
  const { execFile } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  const argv = ns === '' ? [cmd, ...args] : ['ip', 'netns', 'exec', ns, cmd, ...args];
  return new Promise((resolve, reject) => {
    execFile(argv[0]!, argv.slice(1), (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

/** One line of `topo plan`, like terraform's: `+ create ...`, `~ modify ...`, `- delete ...`. */
export function formatChange(c: Change): string {
  return `${c.op === 'create' ? '+' : c.op === 'modify' ? '~' : '-'} ${c.op} ${c.what}`;
}
