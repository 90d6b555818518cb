/**
 * Named network namespaces, as `ip netns` keeps them: each one is an nsfs file bind-mounted on
 * /run/netns/NAME. Namespaces made here and made by iproute2 are the same thing on disk, so each
 * side sees and uses the other's.
 */
import { errorText } from '../netlink/errno.js';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { CLONE_NEWNET, NetlinkError, SyscallError, inNetns, inNewNetns, type NetnsTarget } from '../netlink/index.js';
import * as ffi from '../netlink/ffi.js';
import { AF_UNSPEC } from '../rtnl/common.js';
import {
  NETNSA_NSID_NOT_ASSIGNED, RTM_GETNSID, RTM_NEWNSID, decodeNsidMessage, encodeNsidMessage, type NsidAttrs,
} from '../rtnl/nsid/index.js';
import type { ApiContext } from './context.js';
import { checkText } from './check.js';
import { InvalidArgumentError, NoSuchNetnsError } from './errors.js';

/** Where named namespaces live (iproute2's NETNS_RUN_DIR; /var/run is /run). */
export const NETNS_RUN_DIR = '/run/netns';
/** Per-namespace configuration bound over /etc by `exec` (iproute2's NETNS_ETC_DIR). */
export const NETNS_ETC_DIR = '/etc/netns';

/**
 * The exec helper for this machine: a static binary built by scripts/build-helper.js and shipped
 * in the package for linux x64 and arm64 (dist/helper/rtnl-ts-exec-linux-ARCH, ARCH being
 * process.arch); on other machines only a local `npm run build` with a C compiler makes it.
 */
export const EXEC_HELPER_PATH = path.join(PACKAGE_ROOT, 'dist', 'helper', `rtnl-ts-exec-${process.platform}-${process.arch}`);
/** Why EXEC_HELPER_PATH may be missing, for the fallback's warning. */
const HELPER_MISSING = ['x64', 'arm64'].includes(process.arch)
  ? `${EXEC_HELPER_PATH} is missing`
  : `rtnl-ts ships it for x64 and arm64 only, not ${process.arch}; \`npm run build\` with a C compiler in the package's folder makes ${EXEC_HELPER_PATH}`;

const SELF_NET = '/proc/thread-self/ns/net';

/**
 * Check a namespace name: it must name one entry directly under /run/netns. Rejects '', '.',
 * '..', any '/', NUL, and names over 255 bytes (NAME_MAX) with InvalidArgumentError.
 */
export function validateNetnsName(name: string): void {
  const bad = typeof name !== 'string' || name === '' || name === '.' || name === '..' || name.includes('/')
    || name.includes('\0') || Buffer.byteLength(name) > 255;
  if (bad) throw new InvalidArgumentError(`Invalid netns name "${String(name)}"`, 'name');
}

/** /run/netns/NAME for a valid name (nothing is checked on disk). */
export function netnsPath(name: string): string {
  validateNetnsName(name);
  return `${NETNS_RUN_DIR}/${name}`;
}

/**
 * A named namespace as a target for `inNetns`, `Conn.open({ netns })`, `IpRoute.open({ netns })`
 * or a link's `netns`: `{ path: '/run/netns/NAME' }`. Throws InvalidArgumentError for a bad name
 * and NoSuchNetnsError when nothing by that name exists.
 */
export function openTarget(name: string): { path: string } {
  const path = netnsPath(name);
  try {
    fs.statSync(path);
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') throw new NoSuchNetnsError(name);
    throw e;
  }
  return { path };
}

/** A file-system step on a named namespace failed; `code` is the errno code ('EEXIST'). */
export class NetnsError extends Error {
  override name = 'NetnsError';
  constructor(message: string, readonly netns: string, readonly code: string) {
    super(message);
  }
}

/** One entry of `list()`: the name, and the namespace's id as seen from this handle if it has one. */
export interface NetnsEntry {
  name: string;
  id?: number;
}

/** One assigned nsid (RTM_GETNSID dump) and the name under /run/netns that has it, if any. */
export interface NsidEntry {
  nsid: number;
  /** With `targetNsid`: the same namespace's id as seen from this handle (NETNSA_CURRENT_NSID). */
  currentNsid?: number;
  name?: string;
}

/** What `monitor()` reports: a name appearing in or leaving /run/netns (`ip netns monitor`). */
export interface NetnsEvent {
  event: 'add' | 'delete';
  name: string;
}

/** A running `monitor()`: iterate it for events; `close()` ends the iteration. */
export interface NetnsMonitor extends AsyncIterable<NetnsEvent> {
  /** Stop watching: the iteration ends. */
  close(): void;
}

/** Options of `exec`. */
export interface ExecOptions {
  /** 'inherit' (default): the command uses this process's stdio; 'pipe': output collected as strings. */
  stdio: 'inherit' | 'pipe' | 'ignore';
  /** Written to the command's stdin (stdin is then a pipe whatever `stdio` says). */
  input: string | Uint8Array;
  /** Environment of the command. Default: this process's. */
  env: NodeJS.ProcessEnv;
  /** Working directory. Default: this process's. */
  cwd: string;
  /**
   * The exec helper binary. Default EXEC_HELPER_PATH, falling back (with a warning) when it was
   * not built; `false` asks for the fallback: the command is spawned from inside the namespace
   * without a mount namespace of its own, so /sys is not remounted and /etc/netns is not bound.
   */
  helper: string | false;
  /**
   * How the helper reports its own failures (the namespace cannot be entered, the command
   * cannot be run): 'codes' (default), "rtnl-ts-exec: " messages and statuses 125/126/127,
   * which a caller can tell from the command's own; 'iproute2', as `ip netns exec` does: ip's
   * words, status 255 (entering) or 1 (running the command).
   */
  failures: 'codes' | 'iproute2';
}

/** How a command ended, shaped like `child_process.spawnSync`'s result. */
export interface ExecResult {
  pid: number;
  /**
   * Exit code, or null when killed by a signal. With the helper, 127/126 mean the command was
   * not found / not executable and 125 that entering the namespace failed (message on stderr);
   * with `failures: 'iproute2'`, 1 and 255 as ip's.
   */
  status: number | null;
  signal: NodeJS.Signals | null;
  /** Collected output with stdio 'pipe', else null. */
  stdout: string | null;
  stderr: string | null;
  /** Set when the process could not be started at all (then status is null). */
  error?: Error;
}

/** The result of `execAll` for one namespace. */
export type ExecAllResult = ExecResult & { name: string };

/** Network namespaces by name: the `ip netns` object. Reached as `ip.netns`. */
export class NetnsService {
  constructor(private readonly ctx: ApiContext) {}

  /**
   * `ip netns add NAME`: a new network namespace kept alive by a bind mount on /run/netns/NAME.
   * Throws NetnsError (code EEXIST) when the name is taken. A failure half-way leaves no file and
   * no mount behind.
   */
  async add(name: string): Promise<void> {
    const path = netnsPath(name);
    this.pin(name, path, () => inNewNetns(() => ffi.mount(SELF_NET, path, 'none', ffi.MS_BIND)));
  }

  /** `ip netns attach NAME PID`: give a name to the network namespace of process `pid`. */
  async attach(name: string, pid: number): Promise<void> {
    const path = netnsPath(name);
    checkPid(pid);
    const source = `/proc/${pid}/ns/net`;
    try {
      fs.statSync(source);
    } catch (e) {
      throw new NetnsError(`Cannot open network namespace of process ${pid}: ${describe(e)}`, name, errnoOf(e) ?? 'ESRCH');
    }
    this.pin(name, path, () => ffi.mount(source, path, 'none', ffi.MS_BIND));
  }

  /** Create the empty file, bind a namespace onto it with `bind`; undo everything if that fails. */
  private pin(name: string, path: string, bind: () => void): void {
    prepareRunDir();
    try {
      fs.closeSync(fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0));
    } catch (e) {
      const code = errnoOf(e) ?? 'EIO';
      throw new NetnsError(`Cannot create namespace file "${path}": ${describe(e)}`, name, code);
    }
    try {
      bind();
    } catch (e) {
      // The mount is the last step, so if it failed there is nothing mounted; detach anyway in
      // case the failure came after it (returning home).
      try { ffi.umount2(path, ffi.MNT_DETACH); } catch { /* not mounted */ }
      fs.rmSync(path, { force: true });
      throw e;
    }
  }

  /**
   * `ip netns del NAME`: detach the bind mount and remove the file. A half-made entry (the
   * empty file an `add` killed before its mount leaves) is removed too, so that `add` works
   * again, as with iproute2; a user's symlink to an nsfs file is removed. Anything else that is
   * not a mounted network namespace is refused (NetnsError EINVAL).
   */
  async del(name: string): Promise<void> {
    const path = netnsPath(name);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(path);
    } catch (e) {
      if (errnoOf(e) === 'ENOENT') throw new NoSuchNetnsError(name, `Cannot remove namespace file "${path}": No such file or directory`);
      throw e;
    }
    if (st.isSymbolicLink()) {
      if ((await this.kernelNsid(path)) === null) throw notNetns(name, path);
    } else if (isMountedNetns(path)) {
      ffi.umount2(path, ffi.MNT_DETACH);
    } else if (!(st.isFile() && st.size === 0 && st.dev === fs.statSync(NETNS_RUN_DIR).dev)) {
      // Only the empty file itself, nothing mounted on it (a mount shows another device).
      throw notNetns(name, path);
    }
    fs.unlinkSync(path);
  }

  /**
   * `ip -all netns del`: delete every named namespace. Entries that fail (e.g. not namespaces)
   * are left and reported together in an AggregateError after the others are gone.
   */
  async delAll(): Promise<string[]> {
    const done: string[] = [];
    const errors: unknown[] = [];
    for (const name of readRunDir()) {
      try {
        await this.del(name);
        done.push(name);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, `could not delete ${errors.length} of ${errors.length + done.length} namespaces`);
    return done;
  }

  /**
   * `ip netns list`: every entry of /run/netns in directory order (newest first on tmpfs), with
   * its nsid where one is assigned (as seen from this handle's namespace).
   */
  async list(): Promise<NetnsEntry[]> {
    const out: NetnsEntry[] = [];
    for (const name of readRunDir()) {
      const id = await this.kernelNsid(`${NETNS_RUN_DIR}/${name}`);
      out.push(id === null || id < 0 ? { name } : { name, id });
    }
    return out;
  }

  /** The nsid of a named namespace as seen from this handle, undefined when none is assigned. */
  async getId(name: string): Promise<number | undefined> {
    const id = await this.kernelNsid(openTarget(name).path);
    if (id === null) throw new NetnsError(`"${netnsPath(name)}" is not a network namespace`, name, 'EINVAL');
    return id < 0 ? undefined : id;
  }

  /**
   * The nsid, as seen from this handle, of the namespace at `target` (a namespace file such as
   * /proc/PID/ns/net or a bind mount, or a process's namespace): undefined when none is
   * assigned. For namespaces without a name, e.g. this process's own seen from another handle.
   */
  async idOf(target: Readonly<{ path: string } | { pid: number }>): Promise<number | undefined> {
    const path = 'pid' in target ? `/proc/${checkPid(target.pid)}/ns/net` : checkText(target.path, 'path');
    const id = await this.kernelNsid(path);
    if (id === null) throw new NetnsError(`"${path}" is not a network namespace`, path, 'EINVAL');
    return id < 0 ? undefined : id;
  }

  /**
   * `ip netns identify [PID]`: the names whose namespace is that of `pid` (default: this handle's
   * namespace, i.e. this process's unless the handle was opened elsewhere), in directory order.
   * iproute2 prints only one of them, the last.
   */
  async identify(pid?: number): Promise<string[]> {
    let st: fs.Stats;
    if (pid !== undefined) {
      checkPid(pid);
      st = fs.statSync(`/proc/${pid}/ns/net`);
    } else {
      st = statTarget(this.ctx.netns);
    }
    return readRunDir().filter((name) => sameFile(`${NETNS_RUN_DIR}/${name}`, st));
  }

  /** `ip netns pids NAME`: processes whose network namespace is NAME, in /proc order. */
  async pids(name: string): Promise<number[]> {
    const st = fs.statSync(openTarget(name).path);
    return readDir('/proc').filter((e) => /^\d+$/.test(e) && sameFile(`/proc/${e}/ns/net`, st)).map(Number);
  }

  /**
   * `ip netns set NAME ID|auto`: assign an nsid to NAME as seen from this handle (RTM_NEWNSID).
   * Resolves with the id now assigned. The kernel refuses (EEXIST) an id in use or a second id.
   */
  async set(name: string, id: number | 'auto'): Promise<number> {
    if (id !== 'auto' && (!Number.isInteger(id) || id < 0 || id > 0x7fffffff)) {
      throw new InvalidArgumentError(`Invalid "netnsid" value "${id}"`, 'id');
    }
    const { path } = openTarget(name);
    const nsid = id === 'auto' ? NETNSA_NSID_NOT_ASSIGNED : id;
    await this.withFd(path, (fd) => this.ctx.conn.request(nsidRequest(RTM_NEWNSID, { fd, nsid }), 'RTM_NEWNSID'));
    const now = await this.getId(name);
    if (now === undefined) throw new NetnsError(`no nsid assigned to "${name}"`, name, 'ENOENT');
    return now;
  }

  /**
   * `ip netns list-id [target-nsid ID]`: every assigned nsid (RTM_GETNSID dump), with the name
   * of the namespace under /run/netns where there is one. With `targetNsid`, ids are those seen
   * from that peer namespace, and `currentNsid` the ids seen from here.
   */
  async listIds(options: Readonly<Partial<{ targetNsid: number }>> = {}): Promise<NsidEntry[]> {
    const attrs: NsidAttrs = {};
    if (options.targetNsid !== undefined) attrs.targetNsid = options.targetNsid;
    const replies = await this.ctx.conn.dumpAll(nsidRequest(RTM_GETNSID, attrs), 'RTM_GETNSID');
    const names = new Map<number, string>();
    for (const e of await this.list()) if (e.id !== undefined && !names.has(e.id)) names.set(e.id, e.name);
    const out: NsidEntry[] = [];
    for (const r of replies) {
      if (r.header.type !== RTM_NEWNSID) continue;
      const a = decodeNsidMessage(r.payload).attrs;
      if (a.nsid === undefined) continue;
      const entry: NsidEntry = { nsid: a.nsid };
      if (a.currentNsid !== undefined) entry.currentNsid = a.currentNsid;
      const name = names.get(a.currentNsid ?? (options.targetNsid === undefined ? a.nsid : -1));
      if (name !== undefined) entry.name = name;
      out.push(entry);
    }
    return out;
  }

  /**
   * `ip netns monitor`: names added to and deleted from /run/netns, as they happen, until
   * `close()` (or the end of a `for await` loop).
   */
  monitor(): NetnsMonitor {
    makeRunDir();
    // Each inotify create/delete of a name toggles it; start from the directory as it is now.
    const present = new Set(readRunDir());
    const queue: NetnsEvent[] = [];
    let wake: (() => void) | undefined;
    let closed = false;
    const watcher = fs.watch(NETNS_RUN_DIR, (type, file) => {
      if (type !== 'rename' || !file) return;
      const name = file.toString();
      if (present.delete(name)) queue.push({ event: 'delete', name });
      else { present.add(name); queue.push({ event: 'add', name }); }
      wake?.();
    });
    const close = (): void => {
      if (closed) return;
      closed = true;
      watcher.close();
      wake?.();
    };
    watcher.on('error', close);
    return {
      close,
      async *[Symbol.asyncIterator]() {
        try {
          for (;;) {
            while (queue.length > 0) yield queue.shift()!;
            if (closed) return;
            await new Promise<void>((resolve) => { wake = resolve; });
            wake = undefined;
          }
        } finally {
          close();
        }
      },
    };
  }

  /**
   * `ip netns exec NAME CMD ARGS...`: run a command in the namespace, with /sys showing its
   * devices and /etc/netns/NAME/* bound over /etc (through the exec helper). Resolves when the
   * command ends, like spawnSync's result; its exit status and signal are passed through.
   */
  async exec(name: string, cmd: string, args: readonly string[] = [], options: Readonly<Partial<ExecOptions>> = {}): Promise<ExecResult> {
    checkText(cmd, 'command');
    for (const a of args) checkText(a, 'argument');
    const { path } = openTarget(name);
    // Loaded here, not at the top: node:child_process brings node:net and its streams with it,
    // ~2 ms of every CLI start-up that runs no command. require(), not import(): the CLI bundle
    // runs as a vm.Script, which has no dynamic import.
    const { spawn } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
    const helper = findHelper(options.helper);
    const opts = {
      stdio: [options.input !== undefined ? 'pipe' : (options.stdio ?? 'inherit'), options.stdio ?? 'inherit', options.stdio ?? 'inherit'] as ('pipe' | 'inherit' | 'ignore')[],
      env: options.env, cwd: options.cwd,
    };
    let child: ChildProcess;
    if (helper) {
      // The helper reads and removes this before the command runs.
      const env = options.failures === 'iproute2' ? { ...(options.env ?? process.env), RTNL_TS_EXEC_ERRORS: 'iproute2' } : options.env;
      child = spawn(helper, [name, cmd, ...args], { ...opts, env });
    } else {
      process.emitWarning(
        `rtnl-ts: running "${cmd}" in netns "${name}" without the exec helper (${options.helper === false ? 'disabled' : HELPER_MISSING}): /sys is not remounted and ${NETNS_ETC_DIR}/${name} is not bound over /etc`,
        { code: 'RTNL_TS_NO_EXEC_HELPER' },
      );
      // The child inherits the namespace of the thread that forks it: switch, spawn, switch back.
      child = inNetns({ path }, () => spawn(cmd, [...args], opts));
    }
    return collect(child, options.input);
  }

  /** `ip -all netns exec CMD ARGS...`: `exec` in every named namespace, one after the other. */
  async execAll(cmd: string, args: readonly string[] = [], options: Readonly<Partial<ExecOptions>> = {}): Promise<ExecAllResult[]> {
    const out: ExecAllResult[] = [];
    for (const name of readRunDir()) out.push({ name, ...(await this.exec(name, cmd, args, options)) });
    return out;
  }

  /**
   * The nsid the kernel reports for the namespace file at `path` (RTM_GETNSID with NETNSA_FD):
   * -1 when none is assigned, null when the file is not a network namespace or cannot be opened.
   */
  private async kernelNsid(path: string): Promise<number | null> {
    try {
      return await this.withFd(path, async (fd) => {
        const reply = await this.ctx.conn.requestOne(nsidRequest(RTM_GETNSID, { fd }), 'RTM_GETNSID');
        if (!reply || reply.header.type !== RTM_NEWNSID) return null;
        return decodeNsidMessage(reply.payload).attrs.nsid ?? NETNSA_NSID_NOT_ASSIGNED;
      });
    } catch (e) {
      // The kernel answers EINVAL for an fd that is not a network namespace; open(2) errors
      // (a dangling symlink, a vanished entry) come from Node's fs with a `syscall` of 'open'.
      if (e instanceof NetlinkError && !(e instanceof SyscallError) && e.code === 'EINVAL') return null;
      if ((e as { syscall?: unknown }).syscall === 'open') return null;
      throw e;
    }
  }

  private async withFd<T>(path: string, fn: (fd: number) => Promise<T>): Promise<T> {
    const fd = fs.openSync(path, fs.constants.O_RDONLY);
    try {
      return await fn(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** An RTM_*NSID request with AF_UNSPEC and the given attributes (flags are added by Conn). */
function nsidRequest(type: number, attrs: NsidAttrs): Uint8Array {
  return encodeNsidMessage(type, 0, { header: { family: AF_UNSPEC }, attrs });
}

/** /run/netns, made if missing (recursive: no EEXIST exception, with its stack, on every add after the first). */
function makeRunDir(): void {
  fs.mkdirSync(NETNS_RUN_DIR, { mode: 0o755, recursive: true });
}

/**
 * Make /run/netns exist and be a shared mount point, so that namespace mounts propagate between
 * mount namespaces (iproute2's order: try MS_SHARED; on EINVAL it is not a mount point yet, so
 * bind it onto itself and try again). Serialised with iproute2 by flock on the directory.
 */
function prepareRunDir(): void {
  makeRunDir();
  const lock = fs.openSync(NETNS_RUN_DIR, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY);
  try {
    ffi.flock(lock, ffi.LOCK_EX);
    for (let bound = false; ;) {
      try {
        ffi.mount('', NETNS_RUN_DIR, 'none', ffi.MS_SHARED | ffi.MS_REC);
        return;
      } catch (e) {
        if (bound || !(e instanceof SyscallError) || e.code !== 'EINVAL') throw e;
        ffi.mount(NETNS_RUN_DIR, NETNS_RUN_DIR, 'none', ffi.MS_BIND | ffi.MS_REC);
        bound = true;
      }
    }
  } finally {
    fs.closeSync(lock); // releases the flock
  }
}

/** Names in /run/netns in directory (readdir) order; none when it does not exist. */
function readRunDir(): string[] {
  return readDir(NETNS_RUN_DIR);
}

/** readdir(3) order, unlike fs.readdirSync, which sorts. */
function readDir(dir: string): string[] {
  let d: fs.Dir;
  try {
    d = fs.opendirSync(dir);
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return [];
    throw e;
  }
  const names: string[] = [];
  try {
    for (let e = d.readSync(); e; e = d.readSync()) if (e.name !== '.' && e.name !== '..') names.push(e.name);
  } finally {
    d.closeSync();
  }
  return names;
}

/**
 * Whether `path` (not a symlink) is a bind-mounted network namespace: an nsfs file, which is
 * only reachable through a mount, whose NS_GET_NSTYPE is CLONE_NEWNET.
 */
export function isMountedNetns(path: string): boolean {
  try {
    return isNetnsFile(path, false);
  } catch {
    return false;
  }
}

/**
 * Whether the file at `path` is a network namespace (an nsfs file whose NS_GET_NSTYPE is
 * CLONE_NEWNET; a plain file answers ENOTTY): one open and one ioctl, where
 * /proc/self/mountinfo is a scan of every mount. Opened O_NONBLOCK, so that a FIFO or a device
 * there never blocks; symlinks followed only with `follow`. An open error (ENOENT, ...) is
 * thrown as node:fs throws it.
 */
export function isNetnsFile(path: string, follow = true): boolean {
  const { O_RDONLY, O_NONBLOCK, O_NOFOLLOW } = fs.constants;
  const fd = fs.openSync(path, O_RDONLY | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW));
  try {
    return ffi.ioctlNoArg(fd, ffi.NS_GET_NSTYPE) === CLONE_NEWNET;
  } finally {
    fs.closeSync(fd);
  }
}

function statTarget(t: NetnsTarget | undefined): fs.Stats {
  if (t === undefined) return fs.statSync('/proc/self/ns/net');
  if ('fd' in t) return fs.fstatSync(t.fd);
  return fs.statSync('path' in t ? t.path : `/proc/${t.pid}/ns/net`);
}

function sameFile(path: string, st: fs.Stats): boolean {
  try {
    const s = fs.statSync(path);
    return s.dev === st.dev && s.ino === st.ino;
  } catch {
    return false;
  }
}

/** A process id, checked (InvalidArgumentError in iproute2's words); returned as it is. */
export function checkPid(pid: number): number {
  if (!Number.isInteger(pid) || pid <= 0 || pid > 0x3fffffff) throw new InvalidArgumentError(`Specified string '${pid}' is not a pid`, 'pid');
  return pid;
}

function notNetns(name: string, path: string): NetnsError {
  return new NetnsError(`"${path}" is not a mounted network namespace; not removing it`, name, 'EINVAL');
}

/** The helper to use: an explicit path (must exist), the built one, or undefined for the fallback. */
function findHelper(choice: string | false | undefined): string | undefined {
  if (choice === false) return undefined;
  const path = choice ?? EXEC_HELPER_PATH;
  try {
    fs.accessSync(path, fs.constants.X_OK);
    return path;
  } catch (e) {
    if (choice !== undefined) throw e;
    return undefined;
  }
}

/** Wait for a child to end, collecting piped output as strings; shaped like spawnSync's result. */
function collect(child: ChildProcess, input: string | Uint8Array | undefined): Promise<ExecResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (b: Buffer) => out.push(b));
  child.stderr?.on('data', (b: Buffer) => err.push(b));
  if (child.stdin) {
    child.stdin.on('error', () => { /* the command may exit without reading its input */ });
    child.stdin.end(input);
  }
  return new Promise((resolve) => {
    let error: Error | undefined;
    child.on('error', (e) => { error = e; if (child.pid === undefined) finish(null, null); });
    child.on('close', (status, signal) => finish(status, signal));
    const finish = (status: number | null, signal: NodeJS.Signals | null): void => {
      const r: ExecResult = {
        pid: child.pid ?? 0, status, signal,
        stdout: child.stdout ? Buffer.concat(out).toString() : null,
        stderr: child.stderr ? Buffer.concat(err).toString() : null,
      };
      if (error) r.error = error;
      resolve(r);
    };
  });
}

function errnoOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function describe(e: unknown): string {
  return errorText(e);
}
