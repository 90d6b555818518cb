/**
 * What the kernel says of an eBPF program by id (bpf(2) BPF_PROG_GET_FD_BY_ID, then
 * BPF_OBJ_GET_INFO_BY_FD into struct bpf_prog_info): its name, tag and whether it is jited, as
 * tc's bpf filter printer shows them.
 */
import * as ffi from '../../netlink/ffi.js';

const BPF_PROG_GET_FD_BY_ID = 13;
const BPF_OBJ_GET_INFO_BY_FD = 15;
/** struct bpf_prog_info as far as tc reads it (up to btf_id), rounded up. */
const INFO_LEN = 136;

/** The facts of struct bpf_prog_info tc prints. */
export interface BpfProgInfo {
  /** bpf_prog_info.name (up to 16 bytes). */
  name: string;
  /** The program's tag, 8 bytes as hex. */
  tag: string;
  /** jited_prog_len is not 0. */
  jited: boolean;
  /** Nanoseconds since boot when it was loaded. */
  loadTime: bigint;
  createdByUid: number;
  btfId: number;
}

/** The program's info, or undefined when it cannot be had (no such program, no permission). */
export function bpfProgInfo(id: number): BpfProgInfo | undefined {
  let fd: number;
  try {
    const attr = new Uint8Array(16);
    new DataView(attr.buffer).setUint32(0, id >>> 0, true);
    fd = ffi.bpf(BPF_PROG_GET_FD_BY_ID, attr);
  } catch {
    return undefined;
  }
  try {
    const info = new Uint8Array(INFO_LEN);
    const attr = new Uint8Array(16);
    const dv = new DataView(attr.buffer);
    dv.setUint32(0, fd, true);
    dv.setUint32(4, INFO_LEN, true);
    ffi.bpf(BPF_OBJ_GET_INFO_BY_FD, attr, { buf: info, fill: (a) => dv.setBigUint64(8, a, true) });
    const iv = new DataView(info.buffer);
    const nameBytes = info.subarray(64, 80);
    const end = nameBytes.indexOf(0);
    return {
      name: Buffer.from(nameBytes.subarray(0, end < 0 ? 16 : end)).toString('latin1'),
      tag: Buffer.from(info.subarray(8, 16)).toString('hex'),
      jited: iv.getUint32(16, true) !== 0,
      loadTime: iv.getBigUint64(40, true),
      createdByUid: iv.getUint32(48, true),
      btfId: iv.getUint32(128, true),
    };
  } catch {
    return undefined;
  } finally {
    try { ffi.close(fd); } catch { /* already gone */ }
  }
}

const BPF_OBJ_GET = 7;

/**
 * bpf(2) BPF_OBJ_GET: a new file descriptor of the object pinned at `path` in a bpffs (the
 * caller closes it). Throws SyscallError (ENOENT, EACCES, ...) when it cannot be had.
 */
export function bpfObjGet(path: string): number {
  const attr = new Uint8Array(16);
  const dv = new DataView(attr.buffer);
  return ffi.bpf(BPF_OBJ_GET, attr, { buf: new Uint8Array(Buffer.from(`${path}\0`)), fill: (a) => dv.setBigUint64(0, a, true) });
}
