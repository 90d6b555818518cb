/**
 * withTopology: a network lab for a test, built in a throwaway sandbox and always removed.
 *
 *     await withTopology('examples/seed-lab.yaml', async (lab) => {
 *       const r = await lab.exec('ns0', 'ping', ['-c1', '172.17.0.103']);
 *       assert.equal(r.status, 0);
 *       assert.ok((await lab.ns('ns1').link.list()).some((l) => l.ifname === 'eth0'));
 *     });
 *
 * The lab lives in a child process started in its own network and mount namespaces (unshare,
 * as scripts/sandbox.js does), so nothing reaches the caller's namespaces. The child holds the
 * lab until its stdin closes: when fn returns or throws, and when the test process dies, even by
 * SIGKILL (the kernel closes the pipe). Works with any runner (ava, node:test, vitest, jest):
 * it is just an async function. Needs root (CAP_SYS_ADMIN, CAP_NET_ADMIN).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IpRoute } from '../api/iproute.js';
import { parseTopology } from './document.js';

/** What a test gets: a handle per namespace, and commands run inside one. */
export interface Lab {
  /** The sandbox process (its network namespace is the document's root namespace). */
  readonly pid: number;
  /** An IpRoute in namespace `name` ('' or omitted: the root), closed when the lab ends. */
  ns(name?: string): IpRoute;
  /** Run a command in namespace `name`; resolves with its status and output. */
  exec(name: string, cmd: string, args?: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }>;
}

const SETUP = [
  'set -e',
  'mount -t sysfs sysfs /sys',
  'mkdir -p /run/netns /etc/netns',
  'mount -t tmpfs -o mode=0755 rtnl-ts-lab /run/netns',
  'mount -t tmpfs -o mode=0755 rtnl-ts-lab /etc/netns',
  'ip link set lo up',
  'exec "$@"',
].join('\n');

/**
 * Build `spec` (a file name, YAML/JSON text, or a document object) in a sandbox, run `fn` with
 * the lab, and remove everything, whatever happens. A bad document throws TopologyError before
 * any sandbox is made.
 */
export async function withTopology<T>(spec: string | object, fn: (lab: Lab) => Promise<T>): Promise<T> {
  const text = typeof spec === 'object' ? JSON.stringify(spec) : spec.includes('\n') || !existsSync(spec) ? spec : readFileSync(spec, 'utf8');
  const doc = parseTopology(text, typeof spec === 'string' && !spec.includes('\n') ? spec : 'topology');
  const script = fileURLToPath(new URL('./sandbox-child.js', import.meta.url));
  const child = spawn('unshare', ['--net', '--mount', '--propagation', 'private', '--', 'sh', '-c', SETUP, 'lab', process.execPath, script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const handles = new Map<string, IpRoute>();
  try {
    await ready(child, text);
    const pid = child.pid!;
    // The lab's namespace files, seen through the sandbox's root (its private /run/netns).
    const path = (name: string): string => `/proc/${pid}/root/run/netns/${name}`;
    for (const name of ['', ...doc.namespaces.map((n) => n.name)]) {
      handles.set(name, await IpRoute.open({ netnsPath: name === '' ? `/proc/${pid}/ns/net` : path(name) }));
    }
    const lab: Lab = {
      pid,
      ns(name = '') {
        const h = handles.get(name);
        if (h === undefined) throw new Error(`the lab has no namespace "${name}"`);
        return h;
      },
      async exec(name, cmd, args = []) {
        const net = name === '' ? `/proc/${pid}/ns/net` : path(name);
        return new Promise((resolve) => {
          // The sandbox's mount namespace too, so `ip netns` and sysctl see the lab's names.
          const p = spawn('nsenter', [`--mount=/proc/${pid}/ns/mnt`, `--net=${net}`, '--', cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
          let stdout = '';
          let stderr = '';
          p.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
          p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
          p.on('close', (status) => resolve({ status, stdout, stderr }));
        });
      },
    };
    return await fn(lab);
  } finally {
    for (const h of handles.values()) h.close();
    await stop(child);
  }
}

function ready(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the lab sandbox exited (${code}) before it was ready`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const line = out.slice(0, nl);
      if (line === 'ready') resolve();
      else reject(new Error(`topology apply failed in the lab sandbox: ${line.startsWith('error ') ? JSON.parse(line.slice(6)) as string : line}`));
    });
    child.stdin!.write(`${JSON.stringify({ text })}\n`);
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
    child.once('exit', () => resolve());
    child.stdin!.end();
  });
}
