#!/usr/bin/env node
// Run a command inside a throwaway network + mount namespace (with fresh /run/netns and
// /etc/netns, /sys showing the sandbox's devices, lo up):  node scripts/sandbox.js CMD ARGS...
import { spawnSync } from 'node:child_process';

if (process.getuid?.() !== 0) {
  console.error('the sandbox needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN): run with sudo');
  process.exit(1);
}
const setup = [
  'set -e',
  'mount -t sysfs sysfs /sys',
  'mkdir -p /run/netns /etc/netns',
  'mount -t tmpfs -o mode=0755 rtnl-ts-sandbox /run/netns',
  'mount -t tmpfs -o mode=0755 rtnl-ts-sandbox /etc/netns',
  'ip link set lo up',
  'export RTNL_TS_SANDBOX=1',
  'exec "$@"',
].join('\n');
const r = spawnSync('unshare', ['--net', '--mount', '--propagation', 'private', '--', 'sh', '-c', setup, 'sandbox', ...process.argv.slice(2)], { stdio: 'inherit' });
if (r.error) console.error(`cannot start the sandbox: ${r.error.message}`);
process.exit(r.status ?? 1);
