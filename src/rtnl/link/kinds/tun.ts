/**
 * Kind "tun" (drivers/net/tun.c, tun_fill_info): the IFLA_TUN_* attributes of IFLA_INFO_DATA of
 * a TUN or TAP device, and what making one takes. The kernel does not make tun devices through
 * RTM_NEWLINK: they are made by ioctls on /dev/net/tun (<linux/if_tun.h>), whose request
 * numbers, flags and struct ifreq layout are here too (pure bytes; the I/O is the API's).
 */
import { AttrTable, u8, u32, type RawAttr } from '../../../netlink/index.js';
import { tableKind, type KindCodec } from '../kind.js';

// IFLA_TUN_*: children of IFLA_INFO_DATA for kind "tun"
export const IFLA_TUN_OWNER = 1;
export const IFLA_TUN_GROUP = 2;
export const IFLA_TUN_TYPE = 3;
export const IFLA_TUN_PI = 4;
export const IFLA_TUN_VNET_HDR = 5;
export const IFLA_TUN_PERSIST = 6;
export const IFLA_TUN_MULTI_QUEUE = 7;
export const IFLA_TUN_NUM_QUEUES = 8;
export const IFLA_TUN_NUM_DISABLED_QUEUES = 9;

// TUNSET*: ioctl requests on /dev/net/tun, _IOW('T', nr, int): the same numbers on x86-64 and arm64
export const TUNSETIFF = 0x400454ca;
export const TUNSETPERSIST = 0x400454cb;
export const TUNSETOWNER = 0x400454cc;
export const TUNSETGROUP = 0x400454ce;

// IFF_*: the tun flags of struct ifreq's ifr_flags (TUNSETIFF) and /sys/class/net/DEV/tun_flags
export const IFF_TUN = 0x0001;
export const IFF_TAP = 0x0002;
export const IFF_NAPI = 0x0010;
export const IFF_NAPI_FRAGS = 0x0020;
export const IFF_MULTI_QUEUE = 0x0100;
export const IFF_PERSIST = 0x0800;
export const IFF_NO_PI = 0x1000;
/** The same bit as IFF_NO_PI: ip prints "filter" when it is clear. */
export const IFF_NOFILTER = 0x1000;
export const IFF_ONE_QUEUE = 0x2000;
export const IFF_VNET_HDR = 0x4000;
/** Fail with EBUSY when the name is taken (instead of attaching to the device). */
export const IFF_TUN_EXCL = 0x8000;
/** The bits of ifr_flags that say tun or tap. */
export const TUN_TYPE_MASK = 0x000f;

/** IFNAMSIZ: the name field of struct ifreq, NUL included. */
export const IFNAMSIZ = 16;
/** sizeof(struct ifreq) on 64-bit Linux: the name, then a 24-byte union. */
export const IFREQ_SIZE = 40;

/** IFLA_INFO_DATA of a tun/tap device: one field per IFLA_TUN_* attribute, camelCase. */
export interface TunInfo {
  /** The owner's uid (absent: none). */
  owner?: number;
  /** The owner group's gid (absent: none). */
  group?: number;
  /** IFF_TUN or IFF_TAP. */
  type?: number;
  /** 1: packets carry the 4-byte packet information header (no IFF_NO_PI). */
  pi?: number;
  vnetHdr?: number;
  persist?: number;
  multiQueue?: number;
  numQueues?: number;
  numDisabledQueues?: number;
  unknown?: RawAttr[];
}

/** The IFLA_TUN_* attribute table. */
export const tunTable = new AttrTable<TunInfo>('IFLA_TUN', [
  { id: IFLA_TUN_OWNER, name: 'owner', codec: u32 },
  { id: IFLA_TUN_GROUP, name: 'group', codec: u32 },
  { id: IFLA_TUN_TYPE, name: 'type', codec: u8 },
  { id: IFLA_TUN_PI, name: 'pi', codec: u8 },
  { id: IFLA_TUN_VNET_HDR, name: 'vnetHdr', codec: u8 },
  { id: IFLA_TUN_PERSIST, name: 'persist', codec: u8 },
  { id: IFLA_TUN_MULTI_QUEUE, name: 'multiQueue', codec: u8 },
  { id: IFLA_TUN_NUM_QUEUES, name: 'numQueues', codec: u32 },
  { id: IFLA_TUN_NUM_DISABLED_QUEUES, name: 'numDisabledQueues', codec: u32 },
]);

/** The codec of tun's IFLA_INFO_DATA. */
export const tunKind: KindCodec<TunInfo> = tableKind(tunTable);

/** A struct ifreq with ifr_name and ifr_flags set (TUNSETIFF's argument); the name must fit IFNAMSIZ - 1 bytes. */
export function encodeIfreq(name: string, flags: number): Uint8Array {
  const b = new Uint8Array(IFREQ_SIZE);
  const n = new TextEncoder().encode(name);
  if (n.length >= IFNAMSIZ) throw new RangeError(`interface name "${name}" is longer than ${IFNAMSIZ - 1} bytes`);
  b.set(n, 0);
  new DataView(b.buffer).setUint16(IFNAMSIZ, flags, true);
  return b;
}

/** ifr_name of a struct ifreq (TUNSETIFF writes the name the kernel picked there). */
export function ifreqName(b: Uint8Array): string {
  const end = b.subarray(0, IFNAMSIZ).indexOf(0);
  return new TextDecoder().decode(b.subarray(0, end < 0 ? IFNAMSIZ : end));
}
