/**
 * The fixed structs of nexthop messages (<linux/nexthop.h>), host byte order.
 *
 *   struct nhmsg (8 bytes)
 *   0          1          2            3         4                   8
 *   +----------+----------+------------+---------+-------------------+
 *   | family   | scope    | protocol   | resvd   | flags (u32)       |
 *   +----------+----------+------------+---------+-------------------+
 *   scope is filled in by the kernel in answers only; flags are RTNH_F_*.
 *
 *   struct nexthop_grp (8 bytes, one per member of NHA_GROUP)
 *   0                  4         5             6              8
 *   +------------------+---------+-------------+--------------+
 *   | id (u32)         | weight  | weight_high | resvd2 (u16) |
 *   +------------------+---------+-------------+--------------+
 *   The member's weight is ((weight_high << 8) | weight) + 1; kernels before 6.12 know only
 *   `weight` (weights 1-256), and iproute2 6.1 reads only that byte.
 */
import { DecodeError, codecAt, fixedStruct, structHeader } from '../../netlink/index.js';

/** struct nhmsg (the reserved byte is not kept: it is zero on the wire). */
export interface NhMsg {
  /** nh_family: AF_INET, AF_INET6, AF_UNSPEC (groups, requests by id). */
  family: number;
  /** nh_scope (answers only): RT_SCOPE_*. */
  scope: number;
  /** nh_protocol: RTPROT_*. */
  protocol: number;
  /** nh_flags: RTNH_F_*. */
  flags: number;
}

const NHMSG = structHeader<NhMsg>('nhmsg', [['family', 'u8'], ['scope', 'u8'], ['protocol', 'u8'], ['', 'pad1'], ['flags', 'u32']]);
export const NHMSG_LEN = NHMSG.size;

/** Decode struct nhmsg at `off`; DecodeError when fewer than 8 bytes are there. */
export const decodeNhMsg = NHMSG.decode;

/** Append struct nhmsg to `w`. */
export const encodeNhMsg = NHMSG.encode;

/** struct nexthop_grp: one member of a group (the reserved u16 is not kept). */
export interface NexthopGrp {
  /** The member's nexthop id. */
  id: number;
  /** The low byte of weight - 1. */
  weight: number;
  /** The high byte of weight - 1 (kernels 6.12 and later). */
  weightHigh: number;
}

const NEXTHOP_GRP = fixedStruct<NexthopGrp>([['id', 'u32'], ['weight', 'u8'], ['weightHigh', 'u8'], ['', 'pad2']]);
export const NEXTHOP_GRP_LEN = NEXTHOP_GRP.size;

/** NHA_GROUP payload codec: one or more struct nexthop_grp, nothing left over. */
export const nexthopGroup = codecAt<NexthopGrp[]>(
  (b, o, len, name) => {
    if (len === 0 || len % NEXTHOP_GRP_LEN !== 0) {
      throw new DecodeError(`expected a multiple of ${NEXTHOP_GRP_LEN} bytes, got ${len}`, undefined, name);
    }
    const out: NexthopGrp[] = [];
    for (let at = o; at < o + len; at += NEXTHOP_GRP_LEN) out.push(NEXTHOP_GRP.readAt(b, at));
    return out;
  },
  (w, t, v) => {
    const at = w.attr(t, v.length * NEXTHOP_GRP_LEN); // may grow the writer (a new w.dv): the offset first
    v.forEach((g, i) => NEXTHOP_GRP.writeAt(w.dv, at + i * NEXTHOP_GRP_LEN, g));
  },
);
