/**
 * RTA_MULTIPATH: a list of next hops, each a struct rtnexthop followed by its own RTA_*
 * attributes (gateway, via, flow, encap), aligned to 4 bytes (<linux/rtnetlink.h>).
 *
 *   struct rtnexthop (8 bytes)
 *   0              2         3         4                    8
 *   +--------------+---------+---------+--------------------+----------------------+
 *   | len (u16)    | flags   | hops    | ifindex (s32)      | RTA_* attributes ... |
 *   +--------------+---------+---------+--------------------+----------------------+
 *   `len` covers the struct and its attributes. hops is weight - 1 (or the TTL of ipmr routes).
 */
import { DecodeError, align4, codecAt, le16, le32, type AttrCodec, type AttrTable } from '../../netlink/index.js';

export const RTNEXTHOP_LEN = 8;

/** One next hop of a multipath route. */
export interface RtNextHop<A extends object = object> {
  /** rtnh_flags: RTNH_F_*. */
  flags: number;
  /** rtnh_hops: weight - 1. */
  hops: number;
  /** rtnh_ifindex. */
  ifindex: number;
  /** The next hop's own attributes (RTA_GATEWAY, RTA_VIA, ...). */
  attrs: A;
}

/** The RTA_MULTIPATH codec whose next-hop attributes follow `table` (given lazily: it contains this codec). */
export function multipath<A extends object>(table: () => AttrTable<A>): AttrCodec<RtNextHop<A>[]> {
  return codecAt(
    (b, start, size, name) => {
      const out: RtNextHop<A>[] = [];
      const end = start + size;
      let off = start;
      while (off < end) {
        // Offsets in errors count from the start of the payload.
        if (end - off < RTNEXTHOP_LEN) throw new DecodeError(`truncated rtnexthop (${end - off} bytes)`, off - start, name);
        const len = le16(b, off);
        if (len < RTNEXTHOP_LEN || off + len > end) throw new DecodeError(`rtnexthop has bad length ${len}`, off - start, name);
        out.push({
          flags: b[off + 2]!,
          hops: b[off + 3]!,
          ifindex: le32(b, off + 4) | 0,
          attrs: table().decode(b, off + RTNEXTHOP_LEN, off + len),
        });
        off += align4(len);
      }
      return out;
    },
    (w, type, hops) => {
      w.nested(type, () => {
        for (const nh of hops) {
          const at = w.skip(RTNEXTHOP_LEN);
          w.dv.setUint8(at + 2, nh.flags);
          w.dv.setUint8(at + 3, nh.hops);
          w.dv.setInt32(at + 4, nh.ifindex, true);
          table().encode(w, nh.attrs);
          w.dv.setUint16(at, w.len - at, true);
        }
      });
    },
  );
}
