#!/usr/bin/env node
// Runs the full-kernel tests (dist/test/full, ava.full.config.js) inside User-Mode Linux: boots
// Debian's full 6.1 kernel once with scripts/uml-run and runs ava in it, streaming its output.
//   node scripts/full-kernel-tests.js [dist/test/full/FILE.test.js ...]
// The guest is a kernel of its own with its own network (only lo at boot): nothing it creates
// reaches the host, so no sandbox is needed inside it, and host root is not needed either.
// Without linux.uml the tests are skipped with one line, or fail under CI=true.
// FULL_KERNEL_TIMEOUT (seconds, default 1800) bounds the whole run.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOW = 'apt-get install -y user-mode-linux kmod';

/** The first executable `name` on PATH (and the sbin directories), or undefined. */
function which(name) {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin', '/usr/bin'];
  for (const d of dirs) {
    try {
      accessSync(path.join(d, name), constants.X_OK);
      return path.join(d, name);
    } catch {}
  }
  return undefined;
}

const kernel = process.env.UML_RUN_KERNEL || which('linux.uml');
const missing = !kernel ? 'linux.uml' : !which('modprobe') ? 'modprobe' : !existsSync('/usr/lib/uml/modules') ? '/usr/lib/uml/modules' : undefined;
if (missing) {
  if (process.env.CI === 'true') {
    console.error(`full-kernel tests: no ${missing}, and CI must run them: ${HOW}`);
    process.exit(1);
  }
  console.log(`full-kernel tests skipped: ${HOW}`);
  process.exit(0);
}

const t0 = Date.now();
// PID 1 of the guest runs this: it says how long the boot took, then runs ava.
const guest = 'printf "full-kernel tests: Linux %s (UML) up after %s ms\\n" "$(uname -r)" "$(( $(date +%s%3N) - FULL_T0 ))"; exec "$@"';
const ava = path.join(root, 'node_modules/ava/entrypoints/cli.mjs');
const r = spawnSync(path.join(root, 'scripts/uml-run'), [
  '--timeout', process.env.FULL_KERNEL_TIMEOUT ?? '1800', '--',
  'sh', '-c', guest, 'guest', process.execPath, ava, '--config', 'ava.full.config.js', ...process.argv.slice(2),
], { cwd: root, stdio: 'inherit', env: { ...process.env, FULL_T0: String(t0) } });
if (r.error) console.error(`full-kernel tests: cannot run scripts/uml-run: ${r.error.message}`);
console.log(`full-kernel tests: ${((Date.now() - t0) / 1000).toFixed(1)} s in all (boot, tests, power-off), exit ${r.status}`);
process.exit(r.status ?? 1);
