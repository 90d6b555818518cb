/**
 * Request parity: run one command line through iproute2 (`ip`, `tc`, `bridge`) and the same words
 * through rtnl-ts, each under strace in a fresh network namespace of its own (the same setup run
 * in both, so ifindexes agree), and compare the netlink requests they send, byte for byte, with
 * nlmsg_seq and nlmsg_pid masked. iproute2 sends its request even when the kernel refuses it (an
 * unknown kind, a missing qdisc), so this checks encoders for what this kernel lacks.
 *
 *     import { assertSameRequests } from './parity.js';
 *     test('vlan', (t) => {
 *       assertSameRequests(t, 'ip link add link d0 name v10 type vlan id 10', undefined, {
 *         setup: 'ip link add d0 type veth peer name d1', types: ['RTM_NEWLINK'], dropProbe: true,
 *       });
 *     });
 *
 * Needs root and strace; runs inside the kernel-test sandbox (scripts/kernel-tests.js) or any
 * other throwaway namespace (the UML guest of scripts/full-kernel-tests.js).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { BIN, runCli, runIp } from './cli-helpers.js';
import { diffRequests, requestsFromTrace, sameRequests, selectRequests, type NlRequest, type SelectOptions } from './parity-decode.js';

export { decodeRequest, decodeRequests, diffRequests, isNewlinkProbe, type NlRequest, type SelectOptions } from './parity-decode.js';

/** How a parity run is made and which requests it compares. */
export interface ParityOptions extends SelectOptions {
  /** Shell commands run first on each side, in that side's fresh namespace (default: none). */
  setup?: string;
  /** Accept that neither side sent a selected request (default false: that fails, as a typo would). */
  allowNone?: boolean;
}

/** What one side did: its argv, exit status, output, and its NETLINK_ROUTE requests. */
export interface Side {
  argv: string[];
  status: number | null;
  stdout: string;
  stderr: string;
  /** Every request it sent, in order, masked. */
  all: NlRequest[];
  /** The requests that are compared (`types`, `dropProbe`, `ignoreFlags` applied). */
  requests: NlRequest[];
}

/** Both sides of a parity run, and the readable diff when their requests differ. */
export interface ParityResult {
  a: Side;
  b: Side;
  same: boolean;
  diff?: string;
}

/** strace: follow threads and children, the two send calls, sockets named, full hex dumps. */
const STRACE = ['-f', '-qq', '-yy', '--seccomp-bpf', '-e', 'trace=sendmsg,sendto', '-e', 'write=all', '-s', '0'];

/** The sandbox of one side: a fresh network and mount namespace with its own /sys and /run/netns. */
const SIDE_SCRIPT = `set -e
mount -t sysfs sysfs /sys
mkdir -p /run/netns
mount -t tmpfs -o mode=0755 parity /run/netns
ip link set lo up
eval "$PARITY_SETUP"
trace=$1
shift
exec strace -o "$trace" "$@"`;

let straceChecked = false;
function needStrace(): void {
  if (straceChecked) return;
  const r = spawnSync('strace', ['-V'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('request parity needs strace (apt-get install -y strace)');
  straceChecked = true;
}

/** Words of a command line: an array as is, a string split on white space. */
function words(cmd: string | readonly string[]): string[] {
  return typeof cmd === 'string' ? cmd.trim().split(/\s+/) : [...cmd];
}

/**
 * Run `argv` under strace in a fresh namespace after `setup`, and return what it sent. Throws
 * when the setup fails or strace could not run (not when the command fails: that is data).
 */
export function traceSide(argv: string | readonly string[], setup = '', opts: SelectOptions = {}): Side {
  needStrace();
  const cmd = words(argv);
  const dir = mkdtempSync(path.join(tmpdir(), 'parity-'));
  const trace = path.join(dir, 'trace');
  try {
    const r = spawnSync('unshare', ['--net', '--mount', '--propagation', 'private', '--', 'sh', '-c', SIDE_SCRIPT, 'parity', trace, ...STRACE, '--', ...cmd], {
      encoding: 'utf8', timeout: 120_000, env: { ...process.env, PARITY_SETUP: setup },
    });
    let text: string;
    try {
      text = readFileSync(trace, 'utf8');
    } catch {
      throw new Error(`parity: ${cmd.join(' ')} did not run (setup ${JSON.stringify(setup)} failed?): status ${r.status}\n${r.stderr}${r.error ? r.error.message : ''}`);
    }
    const all = requestsFromTrace(text);
    return { argv: cmd, status: r.status, stdout: r.stdout, stderr: r.stderr, all, requests: selectRequests(all, opts) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** rtnl-ts's words for an iproute2 line: `ip link ...` is `rtnl-ts link ...`; `tc ...` is `rtnl-ts tc ...`. */
export function rtnlWords(ipArgv: string | readonly string[]): string[] {
  const [prog, ...rest] = words(ipArgv);
  if (prog === 'ip') return rest;
  if (prog === 'tc' || prog === 'bridge') return [prog, ...rest];
  throw new Error(`parity: an iproute2 command line starts with ip, tc or bridge, not ${prog}`);
}

/** Compare the requests of two arbitrary command lines (labels 'a' and 'b' in the diff). */
export function compareRequests(
  a: string | readonly string[], b: string | readonly string[], opts: ParityOptions = {}, labels: [string, string] = ['a', 'b'],
): ParityResult {
  const sa = traceSide(a, opts.setup, opts);
  const sb = traceSide(b, opts.setup, opts);
  const same = sameRequests(sa.requests, sb.requests);
  return { a: sa, b: sb, same, diff: same ? undefined : diffRequests(sa.requests, sb.requests, labels) };
}

/**
 * Run an iproute2 line and rtnl-ts's words for it (`rtnlArgs`, or the same words: see rtnlWords),
 * and compare their requests. Side a is iproute2, side b is `node bin/rtnl-ts.cjs`.
 */
export function requestParity(ipArgs: string | readonly string[], rtnlArgs?: string | readonly string[], opts: ParityOptions = {}): ParityResult {
  const ip = words(ipArgs);
  const rtnl = rtnlArgs === undefined ? rtnlWords(ip) : words(rtnlArgs);
  return compareRequests(ip, [process.execPath, BIN, ...rtnl], opts, [ip[0]!, 'rtnl-ts']);
}

/** How a side ended, for a failure message. */
function ending(s: Side): string {
  const err = s.stderr.trim();
  return `${s.argv.join(' ')}\n  exit ${s.status}${err ? `, stderr: ${err.split('\n').slice(0, 5).join(' | ')}` : ''}`;
}

/**
 * The ava assertion: iproute2's line and rtnl-ts's words send the same requests (of `types`, or
 * all). Fails with the readable diff and how each side ended. Returns the run for more checks.
 */
export function assertSameRequests(
  t: ExecutionContext, ipArgs: string | readonly string[], rtnlArgs?: string | readonly string[], opts: ParityOptions = {},
): ParityResult {
  const r = requestParity(ipArgs, rtnlArgs, opts);
  if (!opts.allowNone && r.a.requests.length === 0 && r.b.requests.length === 0) {
    t.fail(`neither side sent a request${opts.types ? ` of type ${opts.types.join(', ')}` : ''}\n${ending(r.a)}\n${ending(r.b)}`);
  } else if (!r.same) {
    t.fail(`${r.diff}\n${ending(r.a)}\n${ending(r.b)}`);
  } else {
    t.pass();
  }
  return r;
}

/**
 * One test per line that ip must refuse: rtnl-ts says what ip says (stderr, with its own name)
 * with ip's status, and strace shows it sent no request of `types`.
 */
export function refusedAsIp(lines: readonly string[], types: readonly string[] = ['RTM_NEWLINK']): void {
  for (const line of lines) {
    test(`refused: ${line}`, (t) => {
      const args = line.split(' ');
      const a = runIp(...args);
      const b = runCli(...args);
      t.is(b.status, a.status, `${line}\nip: ${a.stderr}\nrtnl-ts: ${b.stderr}`);
      t.is(b.stderr.replaceAll('rtnl-ts', 'ip'), a.stderr);
      const sent = traceSide([process.execPath, BIN, ...args], '', { types: [...types], dropProbe: true });
      t.deepEqual(sent.requests, [], 'nothing sent');
    });
  }
}
