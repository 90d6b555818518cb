/**
 * `rtnl-ts tuntap` (and `tap`), as iproute2 6.1's ip/iptuntap.c: `add` and `del` make and remove
 * persistent TUN/TAP devices through /dev/net/tun (ip.tuntap's ioctls, with the ifreq flags
 * ip builds from the same words), `show` lists the tun devices with their flags, owner and
 * group as ip reads them from /sys/class/net/DEV (in the -n namespace: read there through the
 * exec helper, which remounts /sys as ip -n does), `-d` adds the processes attached.
 */
import * as fs from 'node:fs';
import type { TuntapRequest } from '../api/tuntap.js';
import { codeText, errnoText, errorText, SyscallError } from '../netlink/errors.js';
import {
  ARPHRD_ETHER, ARPHRD_NONE, IFF_MULTI_QUEUE, IFF_NO_PI, IFF_NOFILTER, IFF_ONE_QUEUE, IFF_PERSIST, IFF_TAP, IFF_TUN, IFF_TUN_EXCL,
  IFF_VNET_HDR, TUN_TYPE_MASK,
} from '../rtnl/link/index.js';
import { getgr, getpw } from '../netlink/ffi.js';
import type { Handler, Handlers } from './commands.js';
import type { CommandContext } from './context.js';
import { CliExit, CliFailure, duparg2, incomplete, invarg } from './errors.js';
import type { Printer } from './printer.js';
import { renameProgram } from './usage.js';
import { matches, type Words } from './words.js';

/** iptuntap.c's usage (on stderr, status 255). */
export const TUNTAP_USAGE = renameProgram(
  'Usage: ip tuntap { add | del | show | list | lst | help } [ dev PHYS_DEV ]\n'
  + '       [ mode { tun | tap } ] [ user USER ] [ group GROUP ]\n'
  + '       [ one_queue ] [ pi ] [ vnet_hdr ] [ multi_queue ] [ name NAME ]\n'
  + '\n'
  + 'Where: USER  := { STRING | NUMBER }\n'
  + '       GROUP := { STRING | NUMBER }\n',
).replace(/\n$/, '');

/** (uid_t)-1: no owner. */
const NO_ID = 0xffffffff;

/** check_ifname: 1-15 bytes, no '/' or whitespace (ip leaves the rest to the kernel). */
function ifnameOk(name: string): boolean {
  return name.length > 0 && Buffer.byteLength(name) < 16 && !/[/\s]/.test(name);
}

/**
 * `strtol(s, &end, 10)` with nothing left over, as a uid_t/gid_t: the 32 low bits of the long
 * (clamped to the long's range, as strtol clamps); undefined when not a number.
 */
function strtolId(s: string): number | undefined {
  if (!/^[\s]*[+-]?\d+$/.test(s)) return undefined;
  let n = BigInt(s.trim());
  const max = (1n << 63n) - 1n;
  if (n > max) n = max;
  if (n < -max - 1n) n = -max - 1n;
  return Number(BigInt.asUintN(32, n));
}

/** parse_args: the words of add (owner words too) or del into a TUNSETIFF request. */
function parseArgs(words: Words, add: boolean): TuntapRequest {
  const req: TuntapRequest = { name: '', flags: IFF_NO_PI };
  let uid = NO_ID;
  let gid = NO_ID;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'mode')) {
      const v = words.next();
      if (matches(v, 'tun') || matches(v, 'tap')) {
        const [mine, other] = matches(v, 'tun') ? [IFF_TUN, IFF_TAP] : [IFF_TAP, IFF_TUN];
        if (req.flags & other) throw new CliExit('You managed to ask for more than one tunnel mode.');
        req.flags |= mine;
      } else {
        throw new CliExit(`Unknown tunnel mode "${v}"`);
      }
    } else if (add && matches(w, 'user')) {
      const v = words.next();
      const n = strtolId(v);
      if (n !== undefined) uid = n;
      else {
        const pw = getpw(v);
        if (!pw) throw new CliExit(`invalid user "${v}"`);
        uid = pw.uid;
      }
    } else if (add && matches(w, 'group')) {
      const v = words.next();
      const n = strtolId(v);
      if (n !== undefined) gid = n;
      else {
        const gr = getgr(v);
        if (!gr) throw new CliExit(`invalid group "${v}"`);
        gid = gr.gid;
      }
    } else if (matches(w, 'pi')) {
      req.flags &= ~IFF_NO_PI;
    } else if (matches(w, 'one_queue')) {
      req.flags |= IFF_ONE_QUEUE;
    } else if (matches(w, 'vnet_hdr')) {
      req.flags |= IFF_VNET_HDR;
    } else if (matches(w, 'multi_queue')) {
      req.flags |= IFF_MULTI_QUEUE;
    } else if (matches(w, 'dev')) {
      const v = words.next();
      if (!ifnameOk(v)) throw invarg('"dev" not a valid ifname', v);
      req.name = v;
    } else {
      let v = w;
      if (matches(w, 'name')) v = words.next();
      else if (matches(w, 'help')) throw new CliExit(TUNTAP_USAGE);
      if (req.name) throw duparg2('name', v);
      if (!ifnameOk(v)) throw invarg('"name" not a valid ifname', v);
      req.name = v;
    }
  }
  if (!(req.flags & TUN_TYPE_MASK)) throw new CliFailure('You failed to specify a tunnel mode', 1);
  if (uid !== NO_ID) req.uid = uid;
  if (gid !== NO_ID) req.gid = gid;
  return req;
}

/** Run the ioctls; a failing step is ip's perror line and status 1. */
async function ioctl(ctx: CommandContext, req: TuntapRequest, persist: boolean): Promise<number> {
  const ip = await ctx.ip();
  try {
    ip.tuntap.ioctl(req, persist);
  } catch (e) {
    if (e instanceof SyscallError) throw new CliFailure(`${e.syscall}: ${errnoText(e.errno)}`, 1);
    throw e;
  }
  return 0;
}

const add: Handler = async (ctx, words) => {
  const req = parseArgs(words, true);
  req.flags |= IFF_TUN_EXCL;
  return ioctl(ctx, req, true);
};

const del: Handler = async (ctx, words) => ioctl(ctx, parseArgs(words, false), false);

/** What read_prop found in /sys/class/net/DEV: the number, absent (skip the device), or ip's error lines. */
type Prop = { value: number } | { missing: true } | { errors: string[] };

/** read_prop(dev, prop), from the files' text (or the open's error code) as read in the right namespace. */
function readProp(dev: string, prop: string, r: { text?: string; code?: string }): Prop {
  const file = `/sys/class/net/${dev}/${prop}`;
  if (r.code === 'ENOENT') return { missing: true };
  if (r.code !== undefined) {
    const code = r.code;
    return { errors: [`fopen ${file}: ${errnoTextOf(code)}`] };
  }
  const text = r.text ?? '';
  if (text === '') return { errors: [`property "${prop}" in file ${file} is currently unknown`, `Failed to parse ${file}`] };
  const line = text.split('\n')[0]!;
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(line);
  if (!m) return { errors: [`value "${line}" in file ${file} is not a number`, `Failed to parse ${file}`] };
  const n = Number(m[2]!.startsWith('0') && !/^0[xX]/.test(m[2]!) ? parseInt(m[2]!, 8) : m[2]);
  return { value: m[1] === '-' ? -n : n };
}

const errnoTextOf = (code: string): string => codeText(code) ?? code;

const PROPS = ['tun_flags', 'owner', 'group'] as const;
/** The script the exec helper runs in another namespace: each file's text or its error code. */
const READ_SCRIPT = "const fs = require('fs'); process.stdout.write(JSON.stringify(process.argv.slice(1).map((f) => {"
  + " try { return { text: fs.readFileSync(f, 'utf8') }; } catch (e) { return { code: e.code }; } })));";

/** The three files of each device, read where ip -n would read them. */
async function readFiles(ctx: CommandContext, names: readonly string[]): Promise<{ text?: string; code?: string }[]> {
  const files = names.flatMap((n) => PROPS.map((p) => `/sys/class/net/${n}/${p}`));
  if (ctx.g.netns === undefined || files.length === 0) {
    return files.map((f) => {
      try {
        return { text: fs.readFileSync(f, 'utf8') };
      } catch (e) {
        return { code: String((e as { code?: unknown }).code) };
      }
    });
  }
  const ip = await ctx.ip();
  const r = await ip.netns.exec(ctx.g.netns, process.execPath, ['-e', READ_SCRIPT, ...files], { stdio: 'pipe' });
  return JSON.parse(String(r.stdout ?? '[]')) as { text?: string; code?: string }[];
}

/** print_flags: the tun flags as words, unknown bits in hex. */
function printFlags(p: Printer, flags: number): void {
  p.openArray('json', 'flags');
  const word = (w: string): void => p.string('any', null, ' %s', w);
  if (flags & IFF_TUN) word('tun');
  if (flags & IFF_TAP) word('tap');
  if (!(flags & IFF_NO_PI)) word('pi');
  if (flags & IFF_ONE_QUEUE) word('one_queue');
  if (flags & IFF_MULTI_QUEUE) word('multi_queue');
  if (flags & IFF_VNET_HDR) word('vnet_hdr');
  if (flags & IFF_PERSIST) word('persist');
  if (!(flags & IFF_NOFILTER)) word('filter');
  const rest = flags & ~(IFF_TUN | IFF_TAP | IFF_NO_PI | IFF_ONE_QUEUE | IFF_MULTI_QUEUE | IFF_VNET_HDR | IFF_PERSIST | IFF_NOFILTER);
  if (rest) p.hex0x('any', null, ' %#llx', rest);
  p.closeArray('json', null);
}

/** show_processes: the processes (other than this one) with /dev/net/tun open on `name`. */
function showProcesses(ctx: CommandContext, p: Printer, name: string): void {
  p.openArray('json', 'processes');
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^[0-9]/.test(d));
  } catch {
    pids = [];
  }
  for (const pid of pids) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`).filter((d) => /^[0-9]/.test(d));
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch (e) {
        ctx.err(`readlink: ${errorText(e)}`);
        continue;
      }
      if (target !== '/dev/net/tun') continue;
      let info: string;
      try {
        info = fs.readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8');
      } catch (e) {
        ctx.err(`fopen: ${errorText(e)}`);
        continue;
      }
      for (const line of info.split('\n')) {
        const m = /^([^:]+):\s*(\S+)/.exec(line);
        if (!m || m[1] !== 'iff' || m[2] !== name) continue;
        let comm: string | undefined;
        try {
          comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').replace(/\n$/, '');
        } catch {
          comm = undefined;
        }
        p.string('any', 'name', '%s', comm ?? '<NULL>');
        p.uint('any', 'pid', '(%d)', Number(pid));
      }
    }
  }
  p.closeArray('json', null);
}

/** do_show: every tun device (kernel-side kind filter), with what sysfs says of it. */
const show: Handler = async (ctx) => {
  const ip = await ctx.ip();
  const links = (await ip.link.list({ type: 'tun', stats: false }))
    .filter((l) => l.linkType === 'none' || l.linkType === 'ether' || l.linkType === ARPHRD_NONE || l.linkType === ARPHRD_ETHER)
    .filter((l) => l.ifname !== '');
  const files = await readFiles(ctx, links.map((l) => l.ifname));
  const p = ctx.printer();
  p.begin();
  links.forEach((l, i) => {
    const props: number[] = [];
    for (const [j, prop] of PROPS.entries()) {
      const r = readProp(l.ifname, prop, files[i * PROPS.length + j] ?? {});
      if ('errors' in r) for (const line of r.errors) ctx.err(line);
      if (!('value' in r)) return;
      props.push(r.value);
    }
    const [flags, owner, group] = props as [number, number, number];
    p.openObject();
    p.colorString('any', 'ifname', 'ifname', '%s:', l.ifname);
    printFlags(p, flags);
    if (owner !== -1) p.uint('any', 'user', ' user %ld', owner);
    if (group !== -1) p.uint('any', 'group', ' group %ld', group);
    if (ctx.g.details) {
      p.string('fp', null, '%s\tAttached to processes:', p.sl);
      ctx.flush(p);
      showProcesses(ctx, p, l.ifname);
    }
    p.closeObject();
    p.string('fp', null, '%s', '\n');
    ctx.flush(p);
  });
  p.end();
  ctx.flush(p);
  return 0;
};

const help: Handler = async () => { throw new CliExit(TUNTAP_USAGE); };

/** The handlers of `rtnl-ts tuntap VERB` (see commands.ts). */
export const handlers = { add, del, show, help } satisfies Handlers;
