/**
 * The bridge multicast database (net/bridge/br_mdb.c): RTM_GETMDB dumps and RTM_NEWMDB /
 * RTM_DELMDB notifications, and the RTM_NEWMDB / RTM_DELMDB requests of `bridge mdb add/del`.
 *
 *   struct br_port_msg (8 bytes)          struct br_mdb_entry (28 bytes)
 *   0        1         4           8      0          4       5       6       8              24         26     28
 *   +--------+---------+-----------+      +----------+-------+-------+-------+--------------+----------+------+
 *   | family | pad (3) | ifindex   |      | ifindex  | state | flags | vid   | addr (16)    | proto    | pad  |
 *   +--------+---------+-----------+      +----------+-------+-------+-------+--------------+----------+------+
 *
 * A dump message is one bridge (br_port_msg.ifindex): MDBA_MDB nests one MDBA_MDB_ENTRY per group,
 * each nesting MDBA_MDB_ENTRY_INFO (a br_mdb_entry, then MDBA_MDB_EATTR_* attributes); MDBA_ROUTER
 * nests MDBA_ROUTER_PORT (a u32 ifindex, then MDBA_ROUTER_PATTR_*). br_mdb_entry.addr holds an
 * IPv4 or IPv6 group, or a MAC for an L2 group (proto 0); proto is big endian.
 */
import {
  DecodeError, MessageWriter, NLA_F_NESTED, fixedStruct, le32, readAttrs, structHeader, type RawAttr,
} from '../../netlink/index.js';
import { ipToString, macToString } from '../common.js';
import {
  ETH_P_IP, ETH_P_IPV6, MDBA_MDB, MDBA_MDB_EATTR_GROUP_MODE, MDBA_MDB_EATTR_RTPROT, MDBA_MDB_EATTR_SOURCE, MDBA_MDB_EATTR_SRC_LIST,
  MDBA_MDB_EATTR_TIMER, MDBA_MDB_ENTRY, MDBA_MDB_ENTRY_INFO, MDBA_MDB_SRCATTR_ADDRESS, MDBA_MDB_SRCATTR_TIMER, MDBA_ROUTER,
  MDBA_ROUTER_PATTR_TIMER, MDBA_ROUTER_PATTR_TYPE, MDBA_ROUTER_PORT, MDBA_SET_ENTRY, MDBA_SET_ENTRY_ATTRS, MDBE_ATTR_SOURCE,
} from './constants.js';

/** struct br_port_msg: the header of RTM_*MDB messages. */
export interface BrPortMsg {
  family: number;
  /** The bridge. */
  ifindex: number;
}

/** struct br_port_msg's codec. */
export const brPortMsg = structHeader<BrPortMsg>('br_port_msg', [['family', 'u8'], ['', 'pad1'], ['', 'pad1'], ['', 'pad1'], ['ifindex', 'u32']]);

/** struct br_mdb_entry, its group address as bytes. */
export interface BrMdbEntry {
  /** The port. */
  ifindex: number;
  /** MDB_TEMPORARY or MDB_PERMANENT. */
  state: number;
  /** MDB_FLAGS_* bits. */
  flags: number;
  vid: number;
  /** addr.u: 16 bytes (IPv4: the first 4; MAC: the first 6). */
  addr: Uint8Array;
  /** addr.proto: ETH_P_IP, ETH_P_IPV6 or 0 (an L2 group), host order here. */
  proto: number;
}

const BR_MDB_ENTRY_SIZE = 28;
const ADDR_OFFSET = 8;
const PROTO_OFFSET = 24;
const entryHead = fixedStruct<Pick<BrMdbEntry, 'ifindex' | 'state' | 'flags' | 'vid'>>([['ifindex', 'u32'], ['state', 'u8'], ['flags', 'u8'], ['vid', 'u16']]);

/** A br_mdb_entry at `b[o]` (`len` bytes from there, at least 28). */
export function decodeBrMdbEntry(b: Uint8Array, o: number, len: number): BrMdbEntry {
  if (len < BR_MDB_ENTRY_SIZE) throw new DecodeError(`truncated br_mdb_entry (${len} of ${BR_MDB_ENTRY_SIZE} bytes)`, o);
  const head = entryHead.readAt(b, o);
  return { ...head, addr: b.slice(o + ADDR_OFFSET, o + ADDR_OFFSET + 16), proto: (b[o + PROTO_OFFSET]! << 8) | b[o + PROTO_OFFSET + 1]! };
}

/** The 28 bytes of a br_mdb_entry. */
export function encodeBrMdbEntry(e: Readonly<BrMdbEntry>): Uint8Array {
  const out = new Uint8Array(BR_MDB_ENTRY_SIZE);
  const dv = new DataView(out.buffer);
  entryHead.writeAt(dv, 0, e);
  out.set(e.addr.subarray(0, 16), ADDR_OFFSET);
  dv.setUint16(PROTO_OFFSET, e.proto, false);
  return out;
}

/** The group of a br_mdb_entry as iproute2 prints it: IPv4, IPv6, or a MAC (proto 0). */
export function mdbGroupText(e: Readonly<BrMdbEntry>): string {
  if (e.proto === 0) return macToString(e.addr.subarray(0, 6));
  return ipToString(e.addr.subarray(0, e.proto === ETH_P_IP ? 4 : 16));
}

/** One source of an (S,G) group's MDBA_MDB_EATTR_SRC_LIST. */
export interface MdbSource {
  address: string;
  /** MDBA_MDB_SRCATTR_TIMER, in centiseconds (clock_t ticks). */
  timer: number;
}

/** One MDBA_MDB_ENTRY_INFO: a group on a port of a bridge. */
export interface MdbEntry extends BrMdbEntry {
  /** The bridge (br_port_msg.ifindex). */
  bridge: number;
  /** The group as text (mdbGroupText). */
  group: string;
  /** MDBA_MDB_EATTR_TIMER, centiseconds. */
  timer?: number;
  /** MDBA_MDB_EATTR_SRC_LIST: its sources that have an address and a timer. */
  srcList?: MdbSource[];
  /** MDBA_MDB_EATTR_GROUP_MODE: MCAST_INCLUDE or MCAST_EXCLUDE. */
  groupMode?: number;
  /** MDBA_MDB_EATTR_SOURCE: the source of an (S,G) entry. */
  source?: string;
  /** MDBA_MDB_EATTR_RTPROT: who added it (RTPROT_*). */
  rtprot?: number;
  /** MDBA_MDB_EATTR_* this decoder does not know. */
  unknown?: RawAttr[];
}

/** One MDBA_ROUTER_PORT: a multicast router port of a bridge. */
export interface MdbRouterPort {
  ifindex: number;
  /** MDBA_ROUTER_PATTR_TIMER, centiseconds. */
  timer?: number;
  /** MDBA_ROUTER_PATTR_TYPE: MDB_RTR_TYPE_*. */
  type?: number;
}

/** An RTM_NEWMDB / RTM_DELMDB message, decoded: one bridge's groups and router ports. */
export interface MdbMessage {
  family: number;
  /** The bridge. */
  ifindex: number;
  /** MDBA_MDB's entries in wire order (absent attribute: empty). */
  entries: MdbEntry[];
  /** MDBA_ROUTER's ports; undefined when the message has no MDBA_ROUTER. */
  routers?: MdbRouterPort[];
}

const last = (attrs: readonly RawAttr[], type: number): RawAttr | undefined => {
  let out: RawAttr | undefined;
  for (const a of attrs) if (a.type === type) out = a;
  return out;
};

function u32At(a: RawAttr, name: string): number {
  if (a.data.length < 4) throw new DecodeError(`${name}: ${a.data.length} bytes, expected 4`);
  return le32(a.data, 0);
}

function decodeEntry(bridge: number, data: Uint8Array): MdbEntry {
  const e = decodeBrMdbEntry(data, 0, data.length);
  const out: MdbEntry = { bridge, ...e, group: mdbGroupText(e) };
  const family = e.proto === ETH_P_IPV6 ? 16 : 4;
  const unknown: RawAttr[] = [];
  for (const a of readAttrs(data, BR_MDB_ENTRY_SIZE, data.length)) {
    if (a.type === MDBA_MDB_EATTR_TIMER) out.timer = u32At(a, 'MDBA_MDB_EATTR_TIMER');
    else if (a.type === MDBA_MDB_EATTR_GROUP_MODE && a.data.length >= 1) out.groupMode = a.data[0]!;
    else if (a.type === MDBA_MDB_EATTR_RTPROT && a.data.length >= 1) out.rtprot = a.data[0]!;
    else if (a.type === MDBA_MDB_EATTR_SOURCE && a.data.length === family) out.source = ipToString(a.data);
    else if (a.type === MDBA_MDB_EATTR_SRC_LIST) {
      out.srcList = [];
      for (const s of readAttrs(a.data)) {
        const sa = readAttrs(s.data);
        const addr = last(sa, MDBA_MDB_SRCATTR_ADDRESS);
        const timer = last(sa, MDBA_MDB_SRCATTR_TIMER);
        if (addr && timer && (addr.data.length === 4 || addr.data.length === 16)) {
          out.srcList.push({ address: ipToString(addr.data), timer: u32At(timer, 'MDBA_MDB_SRCATTR_TIMER') });
        }
      }
    } else unknown.push(a);
  }
  if (unknown.length) out.unknown = unknown;
  return out;
}

/** An RTM_*MDB message's payload (`buf[start, end)`, after the netlink header). */
export function decodeMdbMessage(buf: Uint8Array, start = 0, end = buf.length): MdbMessage {
  const h = brPortMsg.decode(buf, start, end);
  const attrs = readAttrs(buf, start + brPortMsg.size, end);
  const out: MdbMessage = { family: h.family, ifindex: h.ifindex, entries: [] };
  const mdb = last(attrs, MDBA_MDB);
  for (const group of mdb ? readAttrs(mdb.data) : []) {
    if (group.type !== MDBA_MDB_ENTRY) continue;
    for (const info of readAttrs(group.data)) {
      if (info.type === MDBA_MDB_ENTRY_INFO) out.entries.push(decodeEntry(h.ifindex, info.data));
    }
  }
  const router = last(attrs, MDBA_ROUTER);
  if (router) {
    out.routers = [];
    for (const p of readAttrs(router.data)) {
      if (p.type !== MDBA_ROUTER_PORT) continue;
      const port: MdbRouterPort = { ifindex: u32At(p, 'MDBA_ROUTER_PORT') };
      // ports of older kernels are a bare u32; newer ones add MDBA_ROUTER_PATTR_* after it
      for (const a of p.data.length > 4 ? readAttrs(p.data, 4, p.data.length) : []) {
        if (a.type === MDBA_ROUTER_PATTR_TIMER) port.timer = u32At(a, 'MDBA_ROUTER_PATTR_TIMER');
        else if (a.type === MDBA_ROUTER_PATTR_TYPE && a.data.length >= 1) port.type = a.data[0]!;
      }
      out.routers.push(port);
    }
  }
  return out;
}

/**
 * The request of `bridge mdb add/del`: br_port_msg (family, bridge), MDBA_SET_ENTRY, and with a
 * source MDBA_SET_ENTRY_ATTRS (nested) holding MDBE_ATTR_SOURCE (4 or 16 bytes).
 */
export function encodeMdbRequest(type: number, nlFlags: number, header: Readonly<BrPortMsg>, entry: Readonly<BrMdbEntry>, source?: Uint8Array): Uint8Array {
  const w = new MessageWriter(type, nlFlags, 96);
  brPortMsg.encode(w, header);
  w.bytes(MDBA_SET_ENTRY, encodeBrMdbEntry(entry));
  if (source) w.nested(MDBA_SET_ENTRY_ATTRS | NLA_F_NESTED, () => w.bytes(MDBE_ATTR_SOURCE, source));
  return w.finish();
}
