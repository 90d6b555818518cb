/**
 * A topology document: YAML or JSON (JSON is YAML), parsed with source positions, `${var}`
 * substituted, `count:` blocks expanded, checked against TOPOLOGY_SCHEMA and then for
 * cross-references. Every problem names the field (`links[2].peer.netns`) and its line:col in
 * the source, and all problems are reported together, before anything is sent to the kernel.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import ipaddr from 'ipaddr.js';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { checkQdiscDoc, qdiscParent, type QdiscDoc } from './qdisc.js';
import { TOPOLOGY_SCHEMA } from './schema.js';

export type { QdiscDoc } from './qdisc.js';

/** One end of a link (the link itself, or a veth's peer): where it lives and how it is set up. */
export interface EndSpec {
  name: string;
  netns?: string;
  up?: boolean;
  mtu?: number;
  master?: string;
  addresses?: string[];
  sysctls?: Partial<Record<'forwarding' | 'rp_filter' | 'accept_ra', string | number>>;
}
export interface LinkDoc extends EndSpec {
  kind: string;
  /** The lower device (vlan, macvlan, vxlan dev) in the same namespace. */
  link?: string;
  /** The kind driver's options (`id`, `remote`, `mode`...), as `ip.link.add` takes them. */
  options?: Record<string, unknown>;
  peer?: EndSpec;
}
/** A namespace the topology owns, with the sysctls written inside it. */
export interface NamespaceDoc {
  name: string;
  sysctls?: Partial<Record<'ip_forward' | 'ipv6_forwarding', string | number>>;
}
/** A static route in a namespace. */
export interface RouteDoc { netns?: string; dst: string; via?: string; dev?: string; table?: number; metric?: number }
/** A permanent neighbour entry. */
export interface NeighDoc { netns?: string; dst: string; dev: string; lladdr: string }
/** A policy routing rule. */
export interface RuleDoc { netns?: string; from?: string; to?: string; table: number; priority: number }

/** A validated, expanded topology. */
export interface TopologyDoc {
  name: string;
  namespaces: NamespaceDoc[];
  links: LinkDoc[];
  routes: RouteDoc[];
  neighbours: NeighDoc[];
  rules: RuleDoc[];
  qdiscs: QdiscDoc[];
}

/** One problem of a document: the field, where it is in the source, and what is wrong. */
export interface TopologyIssue {
  path: string;
  line?: number;
  col?: number;
  message: string;
}

/** A document that cannot be used; `issues` lists every problem found. */
export class TopologyError extends Error {
  constructor(readonly file: string, readonly issues: readonly TopologyIssue[]) {
    super(issues.map((i) => `${file}${i.line === undefined ? '' : `:${i.line}:${i.col}`}: ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n'));
    this.name = 'TopologyError';
  }
}

type Path = (string | number)[];
/** Where an expanded value came from: its path in the source document (for line:col). */
interface Located { value: unknown; src: Path }

const SECTIONS = ['namespaces', 'links', 'routes', 'neighbours', 'rules', 'qdiscs'] as const;

/** Parse and validate a document's text; `file` names it in errors. */
export function parseTopology(text: string, file = '<topology>'): TopologyDoc {
  const lc = new LineCounter();
  const ydoc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const posOf = (src: Path): { line?: number; col?: number } => {
    for (let p = src; ; p = p.slice(0, -1)) {
      const node = p.length === 0 ? ydoc.contents : ydoc.getIn(p, true);
      if (isNode(node) && node.range) return lc.linePos(node.range[0]);
      if (p.length === 0) return {};
    }
  };
  if (ydoc.errors.length > 0) {
    throw new TopologyError(file, ydoc.errors.map((e) => {
      const [pos] = e.linePos ?? [];
      return { path: '', line: pos?.line, col: pos?.col, message: e.message.split('\n')[0] ?? e.message };
    }));
  }
  const raw: unknown = ydoc.toJS();
  const issues: TopologyIssue[] = [];
  const fail = (path: string, src: Path, message: string): void => { issues.push({ path, ...posOf(src), message }); };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TopologyError(file, [{ path: '', message: 'a topology is a mapping (namespaces, links, ...)' }]);
  }
  const top = raw as Record<string, unknown>;
  const vars = (typeof top.vars === 'object' && top.vars !== null ? top.vars : {}) as Record<string, unknown>;

  // Expand each section: items with `count: N` repeat N times with `var` (default i) = 0..N-1.
  const expanded: Record<string, unknown> = { name: top.name ?? 'topo' };
  const origin = new Map<string, Path>();
  for (const section of SECTIONS) {
    const items = top[section];
    if (items === undefined) { expanded[section] = []; continue; }
    if (!Array.isArray(items)) { expanded[section] = items; continue; }
    const out: unknown[] = [];
    items.forEach((item, idx) => {
      const src: Path = [section, idx];
      let copies: Located[] = [{ value: item, src }];
      let scopes: Record<string, unknown>[] = [vars];
      if (typeof item === 'object' && item !== null && 'count' in item) {
        const { count, var: v = 'i', ...rest } = item as Record<string, unknown>;
        if (!Number.isInteger(count) || (count as number) < 0 || (count as number) > 4096) {
          fail(`${section}[${idx}].count`, [...src, 'count'], 'count must be an integer from 0 to 4096');
          return;
        }
        if (typeof v !== 'string') { fail(`${section}[${idx}].var`, [...src, 'var'], 'var must be a name'); return; }
        copies = Array.from({ length: count as number }, () => ({ value: rest, src }));
        scopes = copies.map((_, n) => ({ ...vars, [v]: n }));
      }
      copies.forEach((c, n) => {
        const at = `${section}[${out.length}]`;
        origin.set(at, c.src);
        out.push(substitute(c.value, scopes[n] ?? vars, (field, msg) => fail(`${at}${field}`, [...c.src, ...fieldPath(field)], msg)));
      });
    });
    expanded[section] = out;
  }
  if (issues.length > 0) throw new TopologyError(file, issues);

  // A path in the expanded document -> its source path (count copies share their block's).
  const srcOf = (path: string): Path => {
    const m = /^(\w+\[\d+\])(.*)$/.exec(path);
    const base = m && origin.get(m[1]!);
    return base ? [...base, ...fieldPath(m![2]!)] : fieldPath(path);
  };

  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(TOPOLOGY_SCHEMA);
  if (!check(expanded)) {
    for (const e of check.errors ?? []) {
      const path = ajvPath(e);
      fail(path, srcOf(path), ajvMessage(e));
    }
    throw new TopologyError(file, issues);
  }
  const doc = expanded as unknown as TopologyDoc;
  crossCheck(doc, (path, msg) => fail(path, srcOf(path), msg));
  if (issues.length > 0) throw new TopologyError(file, issues);
  return doc;
}

/** Read and validate a topology file. */
export function loadTopology(file: string): TopologyDoc {
  return parseTopology(readFileSync(file, 'utf8'), file);
}

/** `.a[2].b` -> ['a', 2, 'b'] */
function fieldPath(field: string): Path {
  const out: Path = [];
  for (const m of field.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) out.push(m[1] ?? Number(m[2]));
  return out;
}

function ajvPath(e: ErrorObject): string {
  const parts = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : `${out ? '.' : ''}${p}`;
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    out += `${out ? '.' : ''}${extra}`;
  }
  return out;
}

function ajvMessage(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties': return 'unknown field';
    case 'enum': return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    case 'required': return `missing field "${(e.params as { missingProperty: string }).missingProperty}"`;
    default: return e.message ?? e.keyword;
  }
}

const VAR = /\$\{\s*([A-Za-z_]\w*)\s*(?:([-+*])\s*(\d+)\s*)?\}/g;

/**
 * Substitute `${name}` and `${name+N}` / `${name-N}` / `${name*N}` in every string of `value`.
 * A string that is one `${...}` of a number becomes that number (so `mtu: ${mtu}` is an integer).
 */
function substitute(value: unknown, scope: Record<string, unknown>, fail: (field: string, msg: string) => void, field = ''): unknown {
  if (typeof value === 'string') {
    const one = (name: string, op: string | undefined, n: string | undefined): unknown => {
      if (!(name in scope)) { fail(field, `variable "${name}" is not defined`); return ''; }
      const v = scope[name];
      if (op === undefined) return v;
      if (typeof v !== 'number') { fail(field, `variable "${name}" is not a number`); return ''; }
      const k = Number(n);
      return op === '+' ? v + k : op === '-' ? v - k : v * k;
    };
    const whole = new RegExp(`^${VAR.source}$`).exec(value);
    if (whole) return one(whole[1]!, whole[2], whole[3]);
    return value.replace(VAR, (_, name: string, op?: string, n?: string) => String(one(name, op, n)));
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, scope, fail, `${field}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, scope, fail, `${field}.${k}`)]));
  }
  return value;
}

/** Checks the schema cannot express: declared namespaces, unique names, masters, addresses. */
function crossCheck(doc: TopologyDoc, fail: (path: string, msg: string) => void): void {
  const namespaces = new Set<string>();
  doc.namespaces.forEach((ns, i) => {
    if (namespaces.has(ns.name)) fail(`namespaces[${i}].name`, `duplicate namespace "${ns.name}"`);
    namespaces.add(ns.name);
  });
  const nsOk = (path: string, ns: string | undefined): boolean => {
    if (ns === undefined || namespaces.has(ns)) return true;
    fail(path, `namespace "${ns}" is not declared`);
    return false;
  };
  // Devices per namespace ('' = the handle's own namespace), with their addresses' networks.
  const devices = new Map<string, Map<string, string>>();
  const nets = new Map<string, [ipaddr.IPv4 | ipaddr.IPv6, number][]>();
  const addDevice = (ns: string, name: string, path: string): void => {
    const m = devices.get(ns) ?? new Map<string, string>();
    devices.set(ns, m);
    if (m.has(name)) fail(`${path}.name`, `duplicate device "${name}" in ${ns ? `namespace "${ns}"` : 'the root namespace'} (also ${m.get(name)})`);
    else m.set(name, path);
  };
  const ends: [EndSpec, string, string][] = [];
  doc.links.forEach((l, i) => {
    const path = `links[${i}]`;
    if (!nsOk(`${path}.netns`, l.netns)) return;
    addDevice(l.netns ?? '', l.name, path);
    ends.push([l, path, l.netns ?? '']);
    if (l.peer) {
      if (l.kind !== 'veth') fail(`${path}.peer`, `only a veth has a peer, not a ${l.kind}`);
      if (!nsOk(`${path}.peer.netns`, l.peer.netns)) return;
      addDevice(l.peer.netns ?? '', l.peer.name, `${path}.peer`);
      ends.push([l.peer, `${path}.peer`, l.peer.netns ?? '']);
    }
  });
  const hasDev = (ns: string, dev: string): boolean => devices.get(ns)?.has(dev) === true || dev === 'lo';
  for (const [e, path, ns] of ends) {
    if (e.master !== undefined && !hasDev(ns, e.master)) fail(`${path}.master`, `master "${e.master}" is not a device of the same namespace`);
    (e.addresses ?? []).forEach((a, k) => {
      const p = `${path}.addresses[${k}]`;
      if (!ipaddr.isValidCIDR(a)) { fail(p, `"${a}" is not an address/prefix`); return; }
      const [addr, len] = ipaddr.parseCIDR(a);
      const list = nets.get(ns) ?? [];
      nets.set(ns, list);
      list.push([addr, len]);
    });
  }
  doc.links.forEach((l, i) => {
    if (l.link !== undefined && !hasDev(l.netns ?? '', l.link)) fail(`links[${i}].link`, `lower device "${l.link}" is not a device of the same namespace`);
  });
  doc.routes.forEach((r, i) => {
    const path = `routes[${i}]`;
    if (!nsOk(`${path}.netns`, r.netns)) return;
    const ns = r.netns ?? '';
    if (r.dst !== 'default' && !ipaddr.isValidCIDR(r.dst) && !ipaddr.isValid(r.dst)) fail(`${path}.dst`, `"${r.dst}" is not a prefix`);
    if (r.dev !== undefined && !hasDev(ns, r.dev)) fail(`${path}.dev`, `device "${r.dev}" is not declared in this namespace`);
    if (r.via === undefined && r.dev === undefined) fail(path, 'a route needs via or dev');
    if (r.via !== undefined) {
      if (!ipaddr.isValid(r.via)) { fail(`${path}.via`, `"${r.via}" is not an address`); return; }
      const gw = ipaddr.parse(r.via);
      const reachable = (nets.get(ns) ?? []).some(([a, len]) => a.kind() === gw.kind() && gw.match(a, len));
      if (!reachable) fail(`${path}.via`, `gateway ${r.via} is not inside any address prefix of ${ns ? `namespace "${ns}"` : 'the root namespace'}`);
    }
  });
  doc.neighbours.forEach((n, i) => {
    const path = `neighbours[${i}]`;
    if (!nsOk(`${path}.netns`, n.netns)) return;
    if (!ipaddr.isValid(n.dst)) fail(`${path}.dst`, `"${n.dst}" is not an address`);
    if (!hasDev(n.netns ?? '', n.dev)) fail(`${path}.dev`, `device "${n.dev}" is not declared in this namespace`);
  });
  const places = new Set<string>();
  doc.qdiscs.forEach((q, i) => {
    const path = `qdiscs[${i}]`;
    if (!nsOk(`${path}.netns`, q.netns)) return;
    if (!hasDev(q.netns ?? '', q.dev)) fail(`${path}.dev`, `device "${q.dev}" is not declared in this namespace`);
    const place = `${q.netns ?? ''} ${q.dev} ${qdiscParent(q)}`;
    if (places.has(place)) fail(`${path}.parent`, `a second qdisc at ${qdiscParent(q)} of ${q.dev}`);
    places.add(place);
    checkQdiscDoc(q, (field, msg) => fail(`${path}${field}`, msg));
  });
  doc.rules.forEach((r, i) => {
    const path = `rules[${i}]`;
    nsOk(`${path}.netns`, r.netns);
    for (const k of ['from', 'to'] as const) {
      const v = r[k];
      if (v !== undefined && !ipaddr.isValidCIDR(v) && !ipaddr.isValid(v)) fail(`${path}.${k}`, `"${v}" is not a prefix`);
    }
  });
}
