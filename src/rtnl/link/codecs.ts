/**
 * Attribute codecs for the C structs and special integer forms of the LINK family. Each decoder
 * checks the payload length and throws only DecodeError naming the attribute.
 */
import { codecAt, DecodeError, exact, le32, readU64, structCodec, structReader, type AttrCodec } from '../../netlink/index.js';
import { ipToString, macToBytes, macToString, parseDottedQuad, parseIpv6 } from '../common.js';

/**
 * NLA_UINT: an unsigned integer the kernel sends as 4 bytes when it fits, else 8
 * (nla_put_uint). Decoded to bigint; encoded in the same shortest form.
 */
export const uint = codecAt<bigint>(
  (b, o, len, name) => {
    if (len === 4) { const v = le32(b, o); return v === 0 ? 0n : BigInt(v); }
    if (len === 8) return readU64(b, o);
    throw new DecodeError(`expected 4 or 8 bytes, got ${len}`, undefined, name);
  },
  (w, t, v) => {
    if (v <= 0xffffffffn) w.u32(t, Number(v));
    else w.u64(t, v);
  },
);

/**
 * A u8 the kernel reports but accepts as NLA_FLAG (IFLA_VXLAN_TTL_INHERIT): an empty payload
 * decodes to `true` (as requests carry it), one byte to its number.
 */
export const u8OrFlag = codecAt<number | true>(
  (b, o, len, name) => {
    if (len === 0) return true;
    exact(len, 1, name);
    return b[o]!;
  },
  (w, t, v) => {
    if (v === true) w.flag(t);
    else w.u8(t, v);
  },
);

type Width = 4 | 8;
/** An array of 4-byte host-order integers; `signed` for the __s32 ones. */
function int32ArrayCodec(signed: boolean): AttrCodec<number[]> {
  return codecAt(
    (b, o, len, name) => {
      if (len % 4 !== 0) throw new DecodeError(`length ${len} is not a multiple of 4`, undefined, name);
      const out = new Array<number>(len / 4);
      for (let i = 0; i < out.length; i++, o += 4) out[i] = signed ? le32(b, o) | 0 : le32(b, o);
      return out;
    },
    (w, t, v) => {
      const at = w.attr(t, v.length * 4);
      v.forEach((x, i) => (signed ? w.dv.setInt32(at + i * 4, x, true) : w.dv.setUint32(at + i * 4, x, true)));
    },
  );
}

/** An array of host-order u32 (IFLA_INET_CONF: struct ipv4_devconf values). */
export const u32Array = int32ArrayCodec(false);
/** An array of host-order s32 (IFLA_INET6_CONF: the __s32 ipv6 devconf array). */
export const s32Array = int32ArrayCodec(true);
/**
 * An array of host-order u64 (IFLA_INET6_STATS, IFLA_INET6_ICMP6STATS counters), as bigints.
 * Most of these counters are zero, and every zero is the one shared 0n (readU64), so a plain
 * array costs less than a BigUint64Array, whose buffer is a separate allocation outside the heap.
 */
export const u64Array = codecAt<bigint[]>(
  (b, o, len, name) => {
    if (len % 8 !== 0) throw new DecodeError(`length ${len} is not a multiple of 8`, undefined, name);
    const out = new Array<bigint>(len / 8);
    for (let i = 0, at = o; i < out.length; i++, at += 8) out[i] = readU64(b, at);
    return out;
  },
  (w, t, v) => {
    const at = w.attr(t, v.length * 8);
    v.forEach((x, i) => w.dv.setBigUint64(at + i * 8, x, true));
  },
);

/**
 * A struct of same-width counters that the kernel has grown at its end over time. Decodes the
 * first `min` fields (required) and any later ones present; bytes past the known fields are kept
 * in `tail` and written back, so a newer kernel's struct survives a round trip.
 */
function counterStruct<T extends object>(
  names: readonly string[], width: Width, min: number,
): AttrCodec<T> {
  // One compiled reader per field count seen (kernels differ in how many they send): it returns
  // an object literal, which V8 builds as one fast object instead of adding fields one by one.
  const readers: ((b: Uint8Array, at: number) => Record<string, unknown>)[] = [];
  const reader = (n: number) => (readers[n] ??= structReader(names.slice(0, n).map((f) => [f, width === 8 ? 'u64' : 'u32'] as const)));
  return codecAt(
    (b, o, len, name) => {
      if (len < min * width) throw new DecodeError(`expected at least ${min * width} bytes, got ${len}`, undefined, name);
      const n = Math.min(names.length, Math.floor(len / width));
      const out = reader(n)(b, o);
      if (len > n * width) out.tail = b.slice(o + n * width, o + len);
      return out as T;
    },
    (w, t, v) => {
      const rec = v as Record<string, unknown>;
      let n = 0;
      while (n < names.length && rec[names[n]!] !== undefined) n++;
      if (n < min) throw new TypeError(`${names[n]} is required in this struct`);
      const tail = rec.tail as Uint8Array | undefined;
      const at = w.attr(t, n * width + (tail?.length ?? 0));
      for (let i = 0; i < n; i++) {
        const x = rec[names[i]!];
        if (width === 8) w.dv.setBigUint64(at + i * width, x as bigint, true);
        else w.dv.setUint32(at + i * width, x as number, true);
      }
      if (tail) w.buf.set(tail, at + n * width);
    },
  );
}

const STATS_FIELDS = [
  'rxPackets', 'txPackets', 'rxBytes', 'txBytes', 'rxErrors', 'txErrors', 'rxDropped', 'txDropped',
  'multicast', 'collisions', 'rxLengthErrors', 'rxOverErrors', 'rxCrcErrors', 'rxFrameErrors',
  'rxFifoErrors', 'rxMissedErrors', 'txAbortedErrors', 'txCarrierErrors', 'txFifoErrors',
  'txHeartbeatErrors', 'txWindowErrors', 'rxCompressed', 'txCompressed', 'rxNohandler',
  'rxOtherhostDropped',
] as const;

/** The counters shared by struct rtnl_link_stats and struct rtnl_link_stats64, in kernel order. */
interface StatsFields<N> {
  rxPackets: N; txPackets: N; rxBytes: N; txBytes: N; rxErrors: N; txErrors: N;
  rxDropped: N; txDropped: N; multicast: N; collisions: N;
  rxLengthErrors: N; rxOverErrors: N; rxCrcErrors: N; rxFrameErrors: N; rxFifoErrors: N; rxMissedErrors: N;
  txAbortedErrors: N; txCarrierErrors: N; txFifoErrors: N; txHeartbeatErrors: N; txWindowErrors: N;
  rxCompressed: N; txCompressed: N;
}

/** struct rtnl_link_stats (IFLA_STATS): 32-bit counters; rx_nohandler since Linux 4.6. */
export interface RtnlLinkStats extends StatsFields<number> {
  rxNohandler?: number;
  /** Bytes past the fields known here (a newer kernel's struct), re-emitted unchanged. */
  tail?: Uint8Array;
}

/** struct rtnl_link_stats64 (IFLA_STATS64): 64-bit counters; rx_otherhost_dropped since 5.19. */
export interface RtnlLinkStats64 extends StatsFields<bigint> {
  rxNohandler?: bigint;
  rxOtherhostDropped?: bigint;
  /** Bytes past the fields known here (a newer kernel's struct), re-emitted unchanged. */
  tail?: Uint8Array;
}

/** IFLA_STATS: struct rtnl_link_stats (23 u32 required, rx_nohandler optional). */
export const rtnlLinkStats = counterStruct<RtnlLinkStats>(STATS_FIELDS.slice(0, 24), 4, 23);
/** IFLA_STATS64: struct rtnl_link_stats64 (23 u64 required, the two newer ones optional). */
export const rtnlLinkStats64 = counterStruct<RtnlLinkStats64>(STATS_FIELDS, 8, 23);

/** struct ifla_cacheinfo (IFLA_INET6_CACHEINFO): 4 u32, times in milliseconds. */
export interface IflaCacheInfo {
  maxReasmLen: number;
  /** ipv6InterfaceTable update timestamp, hundredths of a second since boot. */
  tstamp: number;
  reachableTime: number;
  retransTime: number;
}

export const cacheInfo = structCodec<IflaCacheInfo>([
  ['maxReasmLen', 'u32'], ['tstamp', 'u32'], ['reachableTime', 'u32'], ['retransTime', 'u32'],
]);

/** struct rtnl_link_ifmap (IFLA_MAP): a device's legacy I/O resources. */
export interface IfMap {
  memStart: bigint;
  memEnd: bigint;
  baseAddr: bigint;
  irq: number;
  dma: number;
  port: number;
}

/** 3 u64, u16, 2 u8, then 4 bytes of padding the kernel zeroes: 32 bytes on 64-bit machines. */
export const ifMap = structCodec<IfMap>([
  ['memStart', 'u64'], ['memEnd', 'u64'], ['baseAddr', 'u64'], ['irq', 'u16'], ['dma', 'u8'], ['port', 'u8'],
], 32);

/**
 * struct ifla_bridge_id (IFLA_BR_ROOT_ID, IFLA_BR_BRIDGE_ID, IFLA_BRPORT_*_ID): a 2-byte
 * priority (network order, prio[0] high) then a MAC address. iproute2 prints "8000.aa:bb:...".
 */
export interface BridgeId {
  priority: number;
  address: string;
}

export const bridgeId = codecAt<BridgeId>(
  (b, o, len, name) => {
    exact(len, 8, name);
    return { priority: (b[o]! << 8) | b[o + 1]!, address: macToString(b.subarray(o + 2, o + 8)) };
  },
  (w, t, v) => {
    const mac = macToBytes(v.address);
    if (mac.length !== 6) throw new TypeError(`a bridge id address is 6 bytes, got "${v.address}"`);
    const at = w.attr(t, 8);
    w.dv.setUint16(at, v.priority, false);
    w.buf.set(mac, at + 2);
  },
);

/** struct br_boolopt_multi (IFLA_BR_MULTI_BOOLOPT): one bit per enum br_boolopt_id. */
export interface BrBoolOptMulti {
  optval: number;
  optmask: number;
}

export const brBoolOptMulti = structCodec<BrBoolOptMulti>([['optval', 'u32'], ['optmask', 'u32']]);

/** struct ifla_vxlan_port_range (IFLA_VXLAN_PORT_RANGE): two network-order u16. */
export interface PortRange {
  low: number;
  high: number;
}

export const portRange = structCodec<PortRange>([['low', 'be16'], ['high', 'be16']]);

/**
 * An address attribute of one family, a fixed `size` of bytes (struct in_addr: 4, struct in6_addr:
 * 16), as text; `parse` reads text of that family only.
 */
function fixedAddr(size: 4 | 16, parse: (text: string) => Uint8Array | undefined, what: string): AttrCodec<string> {
  return codecAt<string>(
    (b, o, len, name) => {
      exact(len, size, name);
      return ipToString(b.subarray(o, o + size));
    },
    (w, t, v) => {
      const bytes = parse(v);
      if (!bytes) throw new TypeError(`invalid ${what} address "${v}"`);
      w.bytes(t, bytes);
    },
  );
}

/** An IPv4 address attribute (struct in_addr), as dotted text. */
export const inAddr = fixedAddr(4, parseDottedQuad, 'IPv4');
/** An IPv6 address attribute (struct in6_addr), as text (compressed like inet_ntop). */
export const in6Addr = fixedAddr(16, parseIpv6, 'IPv6');
