/**
 * Qdiscs in a topology document: checked as ip.tc.qdisc checks them (the kind's driver builds
 * the options, so a bad kind, key or value is refused before any request, the field named), and
 * compared with what the kernel dumps so a second apply sends nothing. The kernel does not echo
 * every option as it was sent (rate tables are not dumped, tbf's bucket comes back as the time
 * the kernel computes for it, htb reports its own version and counters), so the built options
 * are first turned into what the kernel would dump (expectedOptions), then compared key by key.
 * Verified on a kernel: tbf, htb, pfifo, bfifo, noqueue, ingress (this machine's); netem,
 * fq_codel, sfq, prio, fq, clsact on UML's full 6.1 kernel (test/full/topo-qdisc.test.ts).
 */
import { InvalidArgumentError } from '../api/errors.js';
import { TcRequest } from '../api/tc/build.js';
import type { OtherQdiscSpec } from '../api/tc/index.js';
import { QDISC_DRIVERS } from '../api/tc/qdiscs/index.js';
import { qdiscHandleValue } from '../api/tc/values.js';
import { TC_H_INGRESS, TC_H_ROOT, TC_LINKLAYER_ATM, type Qdisc, type TcRateSpec } from '../rtnl/tc/index.js';

/** A queueing discipline on a device of the document: ip.tc.qdisc's spec, the kind's options under `options`. */
export interface QdiscDoc {
  netns?: string;
  dev: string;
  /** 'root' (default), or 'ingress' (the default and only place of the ingress and clsact kinds). */
  parent?: 'root' | 'ingress';
  /** Its handle ('1:'); the kernel picks one when omitted. */
  handle?: string;
  kind: string;
  /** The kind's options, as ip.tc.qdisc takes them beside `kind` (`rate`, `burst`, `latency`, ...). */
  options?: Record<string, unknown>;
}

const INGRESS_KINDS = new Set(['ingress', 'clsact']);

/** Where a document qdisc attaches. */
export function qdiscParent(q: QdiscDoc): 'root' | 'ingress' {
  return q.parent ?? (INGRESS_KINDS.has(q.kind) ? 'ingress' : 'root');
}

/** What ip.tc.qdisc.replace/add takes for a document qdisc. */
export function qdiscSpec(q: QdiscDoc): OtherQdiscSpec {
  const spec: OtherQdiscSpec = { dev: q.dev, kind: q.kind, parent: qdiscParent(q) === 'root' ? 'root' : TC_H_INGRESS };
  if (q.handle !== undefined) spec.handle = q.handle;
  return Object.assign(spec, q.options);
}

/** The kind's TCA_OPTIONS as its driver builds them from the document (InvalidArgumentError on a bad one). */
function built(q: QdiscDoc): object | undefined {
  const kind = q.kind as keyof typeof QDISC_DRIVERS;
  const driver: { options: object; build(o: object, b: TcRequest): object | undefined } = QDISC_DRIVERS[kind];
  const options = q.options ?? {};
  for (const key of Object.keys(options)) {
    if (!Object.prototype.hasOwnProperty.call(driver.options, key)) {
      const known = Object.keys(driver.options);
      throw new InvalidArgumentError(`unknown option for a ${q.kind} qdisc${known.length ? ` (it takes ${known.join(', ')})` : ' (it takes none)'}`, key);
    }
  }
  return driver.build(options, new TcRequest('replace', q.kind, q.dev));
}

/** Check one document qdisc's place, handle and options; `fail(field, message)` for each problem. */
export function checkQdiscDoc(q: QdiscDoc, fail: (field: string, message: string) => void): void {
  const ingress = INGRESS_KINDS.has(q.kind);
  if (q.parent !== undefined && (q.parent === 'ingress') !== ingress) {
    fail('.parent', ingress ? `a ${q.kind} qdisc sits at ingress` : `only ingress and clsact sit at ingress, not a ${q.kind} qdisc`);
  }
  if (q.handle !== undefined) {
    try { qdiscHandleValue(q.handle, 'handle'); } catch (e) { fail('.handle', (e as Error).message); }
  }
  try {
    built(q);
  } catch (e) {
    if (!(e instanceof InvalidArgumentError)) throw e;
    fail(e.argument === undefined || e.argument === 'kind' ? '.options' : `.options.${e.argument}`, e.message);
  }
}

/** A kernel qdisc's place as a document names it, or undefined for one elsewhere (under a class). */
export function kernelParent(q: Qdisc): 'root' | 'ingress' | undefined {
  return q.parent === TC_H_ROOT ? 'root' : q.parent === TC_H_INGRESS ? 'ingress' : undefined;
}

/** What differs between a document qdisc and the kernel's at its place: [] when none. */
export function qdiscDiffs(q: QdiscDoc, have: Qdisc): string[] {
  if (have.kind !== q.kind) return [`kind ${have.kind} -> ${q.kind}`];
  const out: string[] = [];
  if (q.handle !== undefined && qdiscHandleValue(q.handle, 'handle') !== have.handle) out.push(`handle ${handleText(have.handle)} -> ${q.handle}`);
  const differ: string[] = [];
  subsetDiff(expectedOptions(q.kind, built(q)), have.options, '', differ);
  if (differ.length > 0) out.push(`options ${differ.join(', ')}`);
  return out;
}

/** `1:` for 0x10000. */
export function handleText(h: number): string {
  return `${(h >>> 16).toString(16)}:`;
}

/** Where `have` differs from `want` on `want`'s keys (byte tables, which the kernel does not dump, aside): `path have -> want`. */
function subsetDiff(want: unknown, have: unknown, path: string, out: string[]): void {
  if (want === undefined || want instanceof Uint8Array) return;
  if (typeof want === 'object' && want !== null) {
    const h = typeof have === 'object' && have !== null ? have as Record<string, unknown> : {};
    for (const [k, v] of Object.entries(want)) subsetDiff(v, h[k], path ? `${path}.${k}` : k, out);
  } else if (want !== have) {
    out.push(`${path} ${String(have ?? '-')} -> ${String(want)}`);
  }
}

/** The options as the kernel dumps them after taking `data` (see the module comment). */
function expectedOptions(kind: string, data: object | undefined): unknown {
  if (data === undefined) return undefined;
  if (kind === 'htb' && 'init' in data) {
    // tc_htb_glob: the kernel answers with its own version and its direct packet counter.
    const { init, ...rest } = data as { init: Record<string, unknown> };
    const { version: _v, directPkts: _d, ...i } = init;
    return { ...rest, init: i };
  }
  if (kind === 'tbf' && 'parms' in data) return tbfDump(data as TbfBuilt);
  const o = { ...data } as Record<string, unknown>;
  if (kind === 'sfq') {
    // 0 asks for the kernel's default, which it then reports.
    for (const k of ['quantum', 'limit', 'divisor', 'flows', 'depth']) if (o[k] === 0) delete o[k];
  }
  if (kind === 'fq_codel') {
    // codel keeps its times in units of 1024 ns (CODEL_SHIFT) and reports them back in us.
    for (const k of ['target', 'interval', 'ceThreshold']) {
      const us = o[k];
      if (typeof us === 'number') o[k] = Math.floor((Math.floor((us * 1000) / 1024) * 1024) / 1000);
    }
  }
  return o;
}

interface TbfBuilt {
  parms: { rate: TcRateSpec; peakrate: TcRateSpec; limit: number; buffer: number; mtu: number };
  burst?: number; pburst?: number; rate64?: bigint; prate64?: bigint;
}

/**
 * tbf_dump after tbf_change: the rate specs as psched_ratecfg_getrate fills them (no cell log or
 * align), the buffer and mtu as the time (psched ticks: ns >> 6) psched_l2t_ns gives for the
 * burst and peak burst bytes.
 */
function tbfDump(d: TbfBuilt): object {
  const spec = (r: TcRateSpec): TcRateSpec => ({ ...r, cellLog: 0, cellAlign: 0 });
  const rate = BigInt(d.parms.rate.rate) > (d.rate64 ?? 0n) ? BigInt(d.parms.rate.rate) : d.rate64 ?? 0n;
  const peak = BigInt(d.parms.peakrate.rate) > (d.prate64 ?? 0n) ? BigInt(d.parms.peakrate.rate) : d.prate64 ?? 0n;
  const out: Record<string, unknown> = {
    parms: {
      rate: spec(d.parms.rate),
      peakrate: peak ? spec(d.parms.peakrate) : { cellLog: 0, linklayer: 0, overhead: 0, cellAlign: 0, mpu: 0, rate: 0 },
      limit: d.parms.limit,
      buffer: d.burst === undefined ? d.parms.buffer : Number(l2tNs(d.parms.rate, rate, d.burst) >> 6n),
      mtu: peak && d.pburst !== undefined ? Number(l2tNs(d.parms.peakrate, peak, d.pburst) >> 6n) : peak ? d.parms.mtu : 0,
    },
  };
  if (d.rate64 !== undefined) out.rate64 = d.rate64;
  if (d.prate64 !== undefined) out.prate64 = d.prate64;
  return out;
}

/** The kernel's psched_l2t_ns: nanoseconds to send `len` bytes at `rate` bytes/s (psched_ratecfg_precompute's reciprocal). */
function l2tNs(r: TcRateSpec, rate: bigint, len: number): bigint {
  let mult = 1n;
  let shift = 0n;
  if (rate > 0n) {
    for (let factor = 1_000_000_000n; ; factor <<= 1n, shift++) {
      mult = factor / rate;
      if ((mult & (1n << 31n)) !== 0n || (factor & (1n << 63n)) !== 0n) break;
    }
  }
  let n = len + r.overhead;
  if (n < r.mpu) n = r.mpu;
  const units = r.linklayer === TC_LINKLAYER_ATM ? BigInt(Math.ceil(n / 48) * 53) : BigInt(n);
  return ((units * mult) & 0xffffffffffffffffn) >> shift;
}
