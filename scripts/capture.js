#!/usr/bin/env node
// Capture the netlink datagrams an `ip` command exchanges with the kernel, as a fixture:
//   node scripts/capture.js [--setup 'shell cmds'] -- ip link show
// Runs inside a fresh sandbox (unshare --net --mount) so nothing touches the host. Prints JSON:
// { kernel, iproute2, command, setup, datagrams: [{ dir: 'send'|'recv', hex }] }.
import { spawnSync, execFileSync } from 'node:child_process';
import { STRACE_NETLINK, straceDatagrams } from './strace-netlink.js';

const argv = process.argv.slice(2);
let setup = '';
const dash = argv.indexOf('--');
for (let i = 0; i < (dash < 0 ? argv.length : dash); i++) if (argv[i] === '--setup') setup = argv[++i] ?? '';
const cmd = dash < 0 ? [] : argv.slice(dash + 1);
if (cmd.length === 0) {
  console.error("usage: capture.js [--setup 'cmds'] -- ip ARGS...");
  process.exit(2);
}
const quoted = cmd.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
const script = `set -e; mkdir -p /run/netns; mount -t tmpfs x /run/netns; ip link set lo up; ${setup}
strace ${STRACE_NETLINK} ${quoted} 2>&1 >/dev/null`;
const r = spawnSync('unshare', ['--net', '--mount', '--propagation', 'private', '--', 'sh', '-c', script], { encoding: 'utf8' });
const datagrams = straceDatagrams(r.stdout + r.stderr);
const out = {
  kernel: execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim(),
  iproute2: execFileSync('ip', ['-V'], { encoding: 'utf8' }).trim(),
  command: cmd.join(' '),
  setup,
  datagrams,
};
if (datagrams.length === 0) { console.error(r.stdout + r.stderr); process.exit(1); }
console.log(JSON.stringify(out, null, 1));
