/**
 * The bpf filter's printer (tc/f_bpf.c bpf_print_opt): handle, flowid, the program's name,
 * direct-action, the skip/in_hw flags, classic bytecode, the eBPF program's id (and what the
 * kernel says of it: name, tag, jited), the actions.
 */
import { formatClassid, TCA_BPF_FLAG_ACT_DIRECT, type BpfOptions } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import { printActions } from '../actions/index.js';
import { bpfProgInfo } from '../../../api/tc/bpf.js';
import { printClsFlags, type FilterPlug, type FilterPrintEnv } from './plug.js';

/** bpf_print_ops: classic BPF as tc's bytecode text `'N,code jt jf k,...'`. */
function printOps(p: Printer, ops: Uint8Array, len: number): void {
  if (len === 0) return;
  const dv = new DataView(ops.buffer, ops.byteOffset, ops.byteLength);
  p.openObject('bytecode');
  p.uint('any', 'length', "bytecode '%u,", len);
  p.openArray('json', 'insns');
  for (let i = 0; i < len && (i + 1) * 8 <= ops.length; i++) {
    p.openObject();
    p.uint('any', 'code', '%hu ', dv.getUint16(i * 8, true));
    p.uint('any', 'jt', '%hhu ', dv.getUint8(i * 8 + 2));
    p.uint('any', 'jf', '%hhu ', dv.getUint8(i * 8 + 3));
    p.uint('any', 'k', i === len - 1 ? "%u'" : '%u,', dv.getUint32(i * 8 + 4, true));
    p.closeObject();
  }
  p.closeArray('json', null);
  p.closeObject();
}

/** bpf_dump_prog_info: `id N` and, when the program can be asked about, its name, tag and jited. */
function printProg(p: Printer, id: number, env: FilterPrintEnv): boolean {
  p.openObject('prog');
  p.uint('any', 'id', 'id %u ', id);
  const info = bpfProgInfo(id);
  if (info) {
    p.string('any', 'name', 'name %s ', info.name);
    p.string('any', 'tag', 'tag %s ', info.tag);
    p.uint('json', 'jited', null, info.jited ? 1 : 0);
    if (info.jited) p.text('jited ');
    if (env.details) {
      if (info.loadTime) {
        p.uint('any', 'load_time', 'load_time %llu ', info.loadTime);
        p.uint('any', 'created_by_uid', 'created_by_uid %lu ', info.createdByUid);
      }
      if (info.btfId) p.uint('any', 'btf_id', 'btf_id %lu ', info.btfId);
    }
  }
  p.closeObject();
  return info !== undefined;
}

function print(p: Printer, o: BpfOptions, env: FilterPrintEnv): void {
  if (env.handle) p.hex0x('any', 'handle', 'handle %#llx ', env.handle >>> 0);
  if (o.classid !== undefined) p.string('any', 'flowid', 'flowid %s ', formatClassid(o.classid));
  if (o.name !== undefined) p.string('any', 'bpf_name', '%s ', o.name);
  if (o.flags !== undefined && o.flags & TCA_BPF_FLAG_ACT_DIRECT) p.bool('any', 'direct-action', 'direct-action ', true);
  if (o.flagsGen !== undefined) printClsFlags(p, o.flagsGen, (w) => `${w} `);
  if (o.ops && o.opsLen !== undefined) printOps(p, o.ops, o.opsLen);
  const dumped = o.id !== undefined && printProg(p, o.id, env);
  if (!dumped && o.tag) p.string('any', 'tag', 'tag %s ', Buffer.from(o.tag).toString('hex'));
  if (o.police) env.err('rtnl-ts: an old-style bpf police is not printed');
  if (o.actions) printActions(p, o.actions, env, true, env.err);
}

export const bpfPlug: FilterPlug<'bpf'> = { print };
