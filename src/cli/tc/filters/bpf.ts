/**
 * The bpf filter's printer (tc/f_bpf.c bpf_print_opt): handle, flowid, the program's name,
 * direct-action, the skip/in_hw flags, classic bytecode, the eBPF program's id (and what the
 * kernel says of it: name, tag, jited), the actions.
 */
import { formatClassid, TCA_BPF_FLAG_ACT_DIRECT, type BpfOptions } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import { printActions } from '../actions/index.js';
import { bpfObjGet, bpfProgInfo } from '../../../api/tc/bpf.js';
import type { BpfFilterOptions } from '../../../api/tc/filters/bpf.js';
import type { ActionSpec } from '../../../api/tc/index.js';
import { close } from '../../../netlink/ffi.js';
import { errnoText, NetlinkError } from '../../../netlink/index.js';
import { parseClassid } from '../../../rtnl/tc/index.js';
import { CliFailure, duparg, incomplete } from '../../errors.js';
import { matches, type Words } from '../../words.js';
import { getU32 } from '../numbers.js';
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

const BPF_USAGE = "Usage: ... bpf ...\n\nBPF use case:\n bytecode BPF_BYTECODE\n bytecode-file FILE\n\neBPF use case:\n object-file FILE [ section CLS_NAME ] [ export UDS_FILE ] [ verbose ] [ direct-action ] [ skip_hw | skip_sw ]\n object-pinned FILE [ direct-action ] [ skip_hw | skip_sw ]\n\nCommon remaining options:\n [ action ACTION_SPEC ]\n [ classid CLASSID ]\n\nWhere BPF_BYTECODE := 's,c t f k,c t f k,c t f k,...'\nc,t,f,k and s are decimals; s denotes number of 4-tuples\n\nWhere FILE points to a file containing the BPF_BYTECODE string,\nan ELF file containing eBPF map definitions and bytecode, or a\npinned eBPF program.\n\nWhere CLS_NAME refers to the section name containing the\nclassifier (default 'classifier').\n\nWhere UDS_FILE points to a unix domain socket file in order\nto hand off control of all created eBPF maps to an agent.\n\nACTION_SPEC := ... look at individual actions\nNOTE: CLASSID is parsed as hexadecimal input.";

/** bpf_do_parse's program words: the pinned object, or what rtnl-ts does not load. */
function parseProgram(words: Words, o: Partial<BpfFilterOptions>): void {
  const w = words.cur;
  if (matches(w, 'bytecode') || w === 'bc' || matches(w, 'bytecode-file') || w === 'bcf' || matches(w, 'object-file') || w === 'obj') {
    throw new CliFailure(`rtnl-ts: bpf "${w}" is not supported by rtnl-ts (loading programs is out of scope: pin the program and use object-pinned)`, 1);
  }
  if (!(matches(w, 'object-pinned') || matches(w, 'pinned') || matches(w, 'fd'))) throw new CliFailure(`What mode is "${w}"?\nUnable to parse bpf command line`, 1);
  if (words.left < 2) throw incomplete();
  const path = words.next();
  // tc opens the object as it reads its path (tc's `fd` word takes a path too).
  try {
    close(bpfObjGet(path));
  } catch (e) {
    const why = e instanceof NetlinkError ? errnoText(e.errno) : String(e);
    throw new CliFailure(`Couldn't retrieve pinned program '${path}': ${why}\nUnable to parse bpf command line`, 1);
  }
  o.pinned = path;
  const next = words.left > 1 ? words.peek(1) : undefined;
  if (next !== undefined && ['section', 'export', 'verbose'].some((x) => matches(next, x))) {
    throw new CliFailure(`rtnl-ts: bpf "${next}" is not supported by rtnl-ts (it belongs to object loading)`, 1);
  }
}

/** bpf_parse_opt for a pinned program: the words after `bpf` into the API's options, with tc's messages. */
export function parseBpf(words: Words, handleWord: string | undefined, actions: (out: ActionSpec[]) => void): { handle?: number; options: Partial<BpfFilterOptions> } {
  let handle: number | undefined;
  if (handleWord !== undefined) {
    handle = getU32(handleWord);
    if (handle === undefined) throw new CliFailure('Illegal "handle"', 1);
  }
  const o: Partial<BpfFilterOptions> = {};
  let seenRun = false;
  while (!words.done) {
    const w = words.cur;
    if (matches(w, 'run')) {
      if (words.left < 2) throw incomplete();
      words.skip();
      if (seenRun) throw duparg('run', words.cur);
      seenRun = true;
      parseProgram(words, o);
    } else if (matches(w, 'classid') || matches(w, 'flowid')) {
      if (words.left < 2) throw incomplete();
      const h = parseClassid(words.next());
      if (h === undefined) throw new CliFailure('Illegal "classid"', 1);
      o.classid = h;
    } else if (matches(w, 'direct-action') || matches(w, 'da')) o.directAction = true;
    else if (matches(w, 'skip_hw')) o.skipHw = true;
    else if (matches(w, 'skip_sw')) o.skipSw = true;
    else if (matches(w, 'action')) {
      if (words.left < 2) throw incomplete();
      words.next();
      actions((o.actions ??= []));
      continue;
    } else if (matches(w, 'police')) {
      if (words.left < 2) throw incomplete();
      throw new CliFailure('rtnl-ts: bpf "police" is not supported by rtnl-ts (use action police)', 1);
    } else if (matches(w, 'help')) throw new CliFailure(BPF_USAGE, 1);
    else if (!seenRun) {
      seenRun = true;
      parseProgram(words, o);
    } else throw new CliFailure(`What is "${w}"?\n${BPF_USAGE}`, 1);
    words.skip();
  }
  // tc sends a filter without one (empty classic bytecode); cls_bpf refuses it, so rtnl-ts does first.
  if (o.pinned === undefined) throw new CliFailure('rtnl-ts: a bpf filter needs a program (object-pinned PATH)', 1);
  return { ...(handle !== undefined ? { handle } : {}), options: o };
}
