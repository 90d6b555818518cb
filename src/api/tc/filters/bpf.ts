/**
 * Filter bpf (tc/f_bpf.c) for an eBPF program already in the kernel: pinned in a bpffs (opened
 * with BPF_OBJ_GET for the request, closed after it) or by a file descriptor the caller owns.
 * Loading objects is out of scope. classid and actions go out in the spec's key order (tc writes
 * them as it reads the words), then the program's fd and name, the generic flags and the
 * direct-action flag, as tc sends them.
 */
import { basename } from 'node:path';
import { TCA_BPF_FLAG_ACT_DIRECT, TCA_CLS_FLAGS_SKIP_HW, TCA_CLS_FLAGS_SKIP_SW, type BpfOptions } from '../../../rtnl/tc/index.js';
import { checkText, checkUint } from '../../check.js';
import { InvalidArgumentError } from '../../errors.js';
import { actionsValue, type ActionBuild, type ActionSpec } from '../actions/index.js';
import { classidValue, type TcHandle } from '../values.js';

/** A bpf filter running an eBPF program of type sched_cls. */
export interface BpfFilterOptions {
  /** The program pinned at this bpffs path (tc's `object-pinned`). */
  pinned: string;
  /** The program by an open file descriptor of the caller's (left open). */
  fd: number;
  /** TCA_BPF_NAME, shown by tc; default for `pinned`: tc's `FILE:[*fsobj]`, none for `fd`. */
  name: string;
  /** `da`: the program's return value is the verdict (TCA_BPF_FLAG_ACT_DIRECT). */
  directAction: boolean;
  /** flowid / classid: the class matching packets go to. */
  classid: TcHandle;
  skipHw: boolean;
  skipSw: boolean;
  actions: ActionSpec[];
}

/** The spec keys of a typed bpf filter. */
export const BPF_KEYS: readonly (keyof BpfFilterOptions)[] = ['pinned', 'fd', 'name', 'directAction', 'classid', 'skipHw', 'skipSw', 'actions'];

/**
 * TCA_OPTIONS of a bpf filter. For `pinned`, fd is a placeholder (0) in its place: the caller
 * opens the object after every check and sets it.
 */
export function bpfValue(s: Readonly<Partial<BpfFilterOptions>>, b: ActionBuild): BpfOptions {
  if (s.pinned !== undefined && s.fd !== undefined) throw new InvalidArgumentError('a bpf filter takes pinned or fd, not both', 'pinned');
  const o: BpfOptions = {};
  for (const key of Object.keys(s)) {
    if (key === 'classid' && s.classid !== undefined) o.classid = classidValue(s.classid, 'classid');
    if (key === 'actions' && s.actions !== undefined) o.actions = actionsValue(s.actions, b);
  }
  if (s.pinned !== undefined) {
    checkText(s.pinned, 'pinned');
    if (s.pinned === '') throw new InvalidArgumentError('pinned needs a path', 'pinned');
    o.fd = 0;
  } else if (s.fd !== undefined) o.fd = checkUint(s.fd, 'fd', 0x7fffffff);
  else throw new InvalidArgumentError('a bpf filter needs a program (pinned or fd)', 'pinned');
  if (s.name !== undefined) o.name = checkText(s.name, 'name');
  else if (s.pinned !== undefined) o.name = `${basename(s.pinned)}:[*fsobj]`;
  const gen = (s.skipHw ? TCA_CLS_FLAGS_SKIP_HW : 0) | (s.skipSw ? TCA_CLS_FLAGS_SKIP_SW : 0);
  if (gen) o.flagsGen = gen;
  if (s.directAction) o.flags = TCA_BPF_FLAG_ACT_DIRECT;
  return o;
}
