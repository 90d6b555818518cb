/**
 * Attribute codecs for the C structs and special integer forms of the LINK family. Each decoder
 * checks the payload length and throws only DecodeError naming the attribute.
 */
import { DecodeError, type AttrCodec } from '../../netlink/index.js';
import { ipToBytes, ipToString, macToBytes, macToString } from '../common.js';

const view = (d: Uint8Array): DataView => new DataView(d.buffer, d.byteOffset, d.byteLength);

function need(d: Uint8Array, n: number, name: string): DataView {
  if (d.length !== n) throw new DecodeError(`expected ${n} bytes, got ${d.length}`, undefined, name);
  return view(d);
}

/**
 * NLA_UINT: an unsigned integer the kernel sends as 4 bytes when it fits, else 8
 * (nla_put_uint). Decoded to bigint; encoded in the same shortest form.
 */
export const uint: AttrCodec<bigint> = {
  decode: (d, name) => {
    if (d.length === 4) return BigInt(view(d).getUint32(0, true));
    if (d.length === 8) return view(d).getBigUint64(0, true);
    throw new DecodeError(`expected 4 or 8 bytes, got ${d.length}`, undefined, name);
  },
  encode: (w, t, v) => {
    if (v <= 0xffffffffn) w.u32(t, Number(v));
    else w.u64(t, v);
  },
};

/**
 * A u8 the kernel reports but accepts as NLA_FLAG (IFLA_VXLAN_TTL_INHERIT): an empty payload
 * decodes to `true` (as requests carry it), one byte to its number.
 */
export const u8OrFlag: AttrCodec<number | true> = {
  decode: (d, name) => {
    if (d.length === 0) return true;
    return need(d, 1, name).getUint8(0);
  },
  encode: (w, t, v) => {
    if (v === true) w.flag(t);
    else w.u8(t, v);
  },
};

type Width = 4 | 8;
function arrayCodec<T extends number | bigint>(
  width: Width, get: (dv: DataView, off: number) => T, set: (dv: DataView, off: number, v: T) => void,
): AttrCodec<T[]> {
  return {
    decode: (d, name) => {
      if (d.length % width !== 0) throw new DecodeError(`length ${d.length} is not a multiple of ${width}`, undefined, name);
      const dv = view(d);
      const out: T[] = [];
      for (let off = 0; off < d.length; off += width) out.push(get(dv, off));
      return out;
    },
    encode: (w, t, v) => {
      const at = w.attr(t, v.length * width);
      v.forEach((x, i) => set(w.dv, at + i * width, x));
    },
  };
}

/** An array of host-order u32 (IFLA_INET_CONF: struct ipv4_devconf values). */
export const u32Array = arrayCodec<number>(4, (dv, o) => dv.getUint32(o, true), (dv, o, v) => dv.setUint32(o, v, true));
/** An array of host-order s32 (IFLA_INET6_CONF: the __s32 ipv6 devconf array). */
export const s32Array = arrayCodec<number>(4, (dv, o) => dv.getInt32(o, true), (dv, o, v) => dv.setInt32(o, v, true));
/**
 * An array of host-order u64 (IFLA_INET6_STATS, IFLA_INET6_ICMP6STATS counters), as one
 * BigUint64Array: dozens of counters per link, so one allocation instead of one bigint each.
 */
export const u64Array: AttrCodec<BigUint64Array> = {
  decode: (d, name) => {
    if (d.length % 8 !== 0) throw new DecodeError(`length ${d.length} is not a multiple of 8`, undefined, name);
    const out = new BigUint64Array(d.length / 8);
    new Uint8Array(out.buffer).set(d); // host order on the wire, host order in the array
    return out;
  },
  encode: (w, t, v) => { w.bytes(t, new Uint8Array(v.buffer, v.byteOffset, v.byteLength)); },
};

/**
 * A struct of same-width counters that the kernel has grown at its end over time. Decodes the
 * first `min` fields (required) and any later ones present; bytes past the known fields are kept
 * in `tail` and written back, so a newer kernel's struct survives a round trip.
 */
function counterStruct<T extends object>(
  names: readonly string[], width: Width, min: number,
): AttrCodec<T> {
  return {
    decode: (d, name) => {
      if (d.length < min * width) {
        throw new DecodeError(`expected at least ${min * width} bytes, got ${d.length}`, undefined, name);
      }
      const dv = view(d);
      const out: Record<string, unknown> = {};
      const n = Math.min(names.length, Math.floor(d.length / width));
      for (let i = 0; i < n; i++) {
        out[names[i]!] = width === 8 ? dv.getBigUint64(i * width, true) : dv.getUint32(i * width, true);
      }
      if (d.length > n * width) out.tail = d.slice(n * width);
      return out as T;
    },
    encode: (w, t, v) => {
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
  };
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

export const cacheInfo: AttrCodec<IflaCacheInfo> = {
  decode: (d, name) => {
    const dv = need(d, 16, name);
    return {
      maxReasmLen: dv.getUint32(0, true), tstamp: dv.getUint32(4, true),
      reachableTime: dv.getUint32(8, true), retransTime: dv.getUint32(12, true),
    };
  },
  encode: (w, t, v) => {
    const at = w.attr(t, 16);
    w.dv.setUint32(at, v.maxReasmLen, true);
    w.dv.setUint32(at + 4, v.tstamp, true);
    w.dv.setUint32(at + 8, v.reachableTime, true);
    w.dv.setUint32(at + 12, v.retransTime, true);
  },
};

/**
 * struct ifla_bridge_id (IFLA_BR_ROOT_ID, IFLA_BR_BRIDGE_ID, IFLA_BRPORT_*_ID): a 2-byte
 * priority (network order, prio[0] high) then a MAC address. iproute2 prints "8000.aa:bb:...".
 */
export interface BridgeId {
  priority: number;
  address: string;
}

export const bridgeId: AttrCodec<BridgeId> = {
  decode: (d, name) => {
    const dv = need(d, 8, name);
    return { priority: dv.getUint16(0, false), address: macToString(d.subarray(2)) };
  },
  encode: (w, t, v) => {
    const mac = macToBytes(v.address);
    if (mac.length !== 6) throw new TypeError(`a bridge id address is 6 bytes, got "${v.address}"`);
    const at = w.attr(t, 8);
    w.dv.setUint16(at, v.priority, false);
    w.buf.set(mac, at + 2);
  },
};

/** struct br_boolopt_multi (IFLA_BR_MULTI_BOOLOPT): one bit per enum br_boolopt_id. */
export interface BrBoolOptMulti {
  optval: number;
  optmask: number;
}

export const brBoolOptMulti: AttrCodec<BrBoolOptMulti> = {
  decode: (d, name) => {
    const dv = need(d, 8, name);
    return { optval: dv.getUint32(0, true), optmask: dv.getUint32(4, true) };
  },
  encode: (w, t, v) => {
    const at = w.attr(t, 8);
    w.dv.setUint32(at, v.optval, true);
    w.dv.setUint32(at + 4, v.optmask, true);
  },
};

/** struct ifla_vxlan_port_range (IFLA_VXLAN_PORT_RANGE): two network-order u16. */
export interface PortRange {
  low: number;
  high: number;
}

export const portRange: AttrCodec<PortRange> = {
  decode: (d, name) => {
    const dv = need(d, 4, name);
    return { low: dv.getUint16(0, false), high: dv.getUint16(2, false) };
  },
  encode: (w, t, v) => {
    const at = w.attr(t, 4);
    w.dv.setUint16(at, v.low, false);
    w.dv.setUint16(at + 2, v.high, false);
  },
};

/** An IPv4 address attribute (struct in_addr, 4 bytes), as dotted text. */
export const inAddr: AttrCodec<string> = {
  decode: (d, name) => {
    need(d, 4, name);
    return `${d[0]}.${d[1]}.${d[2]}.${d[3]}`;
  },
  encode: (w, t, v) => {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v);
    const parts = m ? m.slice(1).map(Number) : [];
    if (parts.length !== 4 || parts.some((p) => p > 255)) throw new TypeError(`invalid IPv4 address "${v}"`);
    w.bytes(t, Uint8Array.from(parts));
  },
};

/** An IPv6 address attribute (struct in6_addr, 16 bytes), as text (compressed like inet_ntop). */
export const in6Addr: AttrCodec<string> = {
  decode: (d, name) => {
    need(d, 16, name);
    return ipToString(d);
  },
  encode: (w, t, v) => {
    const b = ipToBytes(v);
    if (b.length !== 16) throw new TypeError(`invalid IPv6 address "${v}"`);
    w.bytes(t, b);
  },
};
