#!/usr/bin/env node
// Capture the netlink datagrams an `ip` command exchanges with the kernel, as a fixture:
//   node scripts/capture.js [--setup 'shell cmds'] -- ip link show
// Runs inside a fresh sandbox (unshare --net --mount) so nothing touches the host. Prints JSON:
// { kernel, iproute2, command, setup, datagrams: [{ dir: 'send'|'recv', hex }] }.
import { spawnSync, execFileSync } from 'node:child_process';

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
strace -qq -e trace=sendmsg,recvmsg,sendto,recvfrom -e write=all -e read=all -s 0 ${quoted} 2>&1 >/dev/null`;
const r = spawnSync('unshare', ['--net', '--mount', '--propagation', 'private', '--', 'sh', '-c', script], { encoding: 'utf8' });
const datagrams = [];
let cur;
for (const line of (r.stdout + r.stderr).split('\n')) {
  const call = /^(sendmsg|recvmsg|sendto|recvfrom)\(/.exec(line);
  if (call) { cur = { dir: call[1].startsWith("send") ? 'send' : 'recv', hex: '' }; continue; }
  // strace's hex dump: ' | 00010  hh hh .. hh  hh .. hh  ascii |' (16 bytes in 49 columns)
  if (/^ \| [0-9a-f]{5}  /.test(line) && cur) {
    if (cur.hex === '') datagrams.push(cur);
    cur.hex += line.slice(10, 59).replace(/ /g, '');
  }
}
const out = {
  kernel: execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim(),
  iproute2: execFileSync('ip', ['-V'], { encoding: 'utf8' }).trim(),
  command: cmd.join(' '),
  setup,
  datagrams,
};
if (datagrams.length === 0) { console.error(r.stdout + r.stderr); process.exit(1); }
console.log(JSON.stringify(out, null, 1));
