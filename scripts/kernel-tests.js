#!/usr/bin/env node
// Runs the kernel tests (dist/test/kernel) as root inside a throwaway sandbox (scripts/sandbox.js):
// the host's network is never touched and everything the tests create dies with the sandbox.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.platform !== 'linux' || process.getuid?.() !== 0) {
  const why = 'kernel tests skipped: they need root (CAP_NET_ADMIN and CAP_SYS_ADMIN) to make a network sandbox';
  if (process.env.CI === 'true') {
    console.error(`${why}, and CI must run them`);
    process.exit(1);
  }
  console.log(why);
  process.exit(0);
}

const r = spawnSync(process.execPath, [path.join(root, 'scripts/sandbox.js'), 'npx', 'ava', '--config', 'ava.kernel.config.js', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
