#!/usr/bin/env node
// Runs the kernel tests (dist/test/kernel) inside a throwaway sandbox: a new network namespace
// and a private mount namespace, so the host's network is never touched and everything the tests
// create dies with the sandbox. Inside, /run/netns and /etc/netns are fresh tmpfs mounts and /sys
// is remounted to show the sandbox's own devices.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const extra = process.argv.slice(2);

if (process.platform !== 'linux' || process.getuid?.() !== 0) {
  const why = 'kernel tests skipped: they need root (CAP_NET_ADMIN and CAP_SYS_ADMIN) to make a network sandbox';
  if (process.env.CI === 'true') {
    console.error(`${why}, and CI must run them`);
    process.exit(1);
  }
  console.log(why);
  process.exit(0);
}

const setup = [
  'set -e',
  'mount -t sysfs sysfs /sys',
  'mkdir -p /run/netns /etc/netns',
  'mount -t tmpfs -o mode=0755 rtnl-ts-sandbox /run/netns',
  'mount -t tmpfs -o mode=0755 rtnl-ts-sandbox /etc/netns',
  'ip link set lo up',
  'export RTNL_TS_SANDBOX=1',
  'exec npx ava --config ava.kernel.config.js "$@"',
].join('\n');

const r = spawnSync('unshare', ['--net', '--mount', '--propagation', 'private', '--', 'sh', '-c', setup, 'sandbox', ...extra], {
  cwd: root,
  stdio: 'inherit',
});
if (r.error) {
  console.error(`cannot start the sandbox: ${r.error.message}`);
  process.exit(1);
}
process.exit(r.status ?? 1);
