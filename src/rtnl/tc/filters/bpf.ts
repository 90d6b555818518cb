/**
 * Filter "bpf" (net/sched/cls_bpf.c): a classic BPF program (TCA_BPF_OPS) or an eBPF program by
 * file descriptor (TCA_BPF_FD, with its name); `da` (direct action) lets the program's return
 * value be the verdict. TCA_OPTIONS nests TCA_BPF_*.
 */
import { bytes, str, u16, u32, type RawAttr } from '../../../netlink/index.js';
import type { TcAction } from '../action.js';
import type { FilterKindCodec } from '../kind.js';
import { withActions } from './common.js';

export const TCA_BPF_ACT = 1;
export const TCA_BPF_POLICE = 2;
export const TCA_BPF_CLASSID = 3;
export const TCA_BPF_OPS_LEN = 4;
export const TCA_BPF_OPS = 5;
export const TCA_BPF_FD = 6;
export const TCA_BPF_NAME = 7;
export const TCA_BPF_FLAGS = 8;
export const TCA_BPF_FLAGS_GEN = 9;
export const TCA_BPF_TAG = 10;
export const TCA_BPF_ID = 11;

/** TCA_BPF_FLAGS: direct action. */
export const TCA_BPF_FLAG_ACT_DIRECT = 1 << 0;

/** TCA_OPTIONS of bpf. */
export interface BpfOptions {
  actions?: TcAction[];
  /** TCA_BPF_POLICE: an old-style police nest, raw. */
  police?: Uint8Array;
  classid?: number;
  /** TCA_BPF_OPS_LEN: how many struct sock_filter in `ops`. */
  opsLen?: number;
  /** TCA_BPF_OPS: classic BPF instructions (struct sock_filter, 8 bytes each), raw. */
  ops?: Uint8Array;
  /** TCA_BPF_FD: an eBPF program's file descriptor (user to kernel). */
  fd?: number;
  /** TCA_BPF_NAME: the program's name (tc sends the object file and section). */
  name?: string;
  /** TCA_BPF_FLAGS: TCA_BPF_FLAG_ACT_DIRECT. */
  flags?: number;
  /** TCA_BPF_FLAGS_GEN: TCA_CLS_FLAGS_*. */
  flagsGen?: number;
  /** TCA_BPF_TAG: the program's tag (8 bytes). */
  tag?: Uint8Array;
  /** TCA_BPF_ID: the program's id. */
  id?: number;
  unknown?: RawAttr[];
}

export const bpfKind: FilterKindCodec<BpfOptions> = {
  options: withActions<BpfOptions>('TCA_BPF', TCA_BPF_ACT, [
    { id: TCA_BPF_POLICE, name: 'police', codec: bytes },
    { id: TCA_BPF_CLASSID, name: 'classid', codec: u32 },
    { id: TCA_BPF_OPS_LEN, name: 'opsLen', codec: u16 },
    { id: TCA_BPF_OPS, name: 'ops', codec: bytes },
    { id: TCA_BPF_FD, name: 'fd', codec: u32 },
    { id: TCA_BPF_NAME, name: 'name', codec: str },
    { id: TCA_BPF_FLAGS, name: 'flags', codec: u32 },
    { id: TCA_BPF_FLAGS_GEN, name: 'flagsGen', codec: u32 },
    { id: TCA_BPF_TAG, name: 'tag', codec: bytes },
    { id: TCA_BPF_ID, name: 'id', codec: u32 },
  ]),
};
