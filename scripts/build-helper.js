#!/usr/bin/env node
// Builds the exec helper (src/netlink/exec-helper.c) that netns.exec uses to run a command inside
// a named network namespace as `ip netns exec` does, as small static binaries shipped in the npm
// package, one per machine: dist/helper/rtnl-ts-exec-linux-x64 and dist/helper/rtnl-ts-exec-linux-arm64
// (Debian's toolchains: x86_64-linux-gnu-gcc and aarch64-linux-gnu-gcc, one of them native, the
// other a cross compiler: gcc-aarch64-linux-gnu or gcc-x86-64-linux-gnu), and on any other machine
// the native one (cc). At run time netns.exec picks the one named after process.arch, so an
// installed package needs no compiler and no install script.
//
// Part of `npm run build`; a binary newer than the C source and this script is kept. A compiler
// that is missing is a warning (netns.exec then falls back, with its own warning), except with
// --all (used by `prepack`): a package is never packed without both shipped helpers.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = 'src/netlink/exec-helper.c';
/** The machines a package ships a helper for: process.arch -> Debian's compiler for it, and its package. */
const SHIPPED = {
  x64: { cc: 'x86_64-linux-gnu-gcc', pkg: 'gcc-x86-64-linux-gnu' },
  arm64: { cc: 'aarch64-linux-gnu-gcc', pkg: 'gcc-aarch64-linux-gnu' },
};
const all = process.argv.includes('--all');

/** Where netns.exec looks for the helper of machine `arch` (src/api/netns.ts, EXEC_HELPER_PATH). */
const output = (arch) => `dist/helper/rtnl-ts-exec-linux-${arch}`;

const mtime = (file) => {
  try {
    return statSync(path.join(root, file)).mtimeMs;
  } catch {
    return undefined;
  }
};

/** Compile for `arch` with the first compiler of `compilers` that runs; the failure text if none does. */
function build(arch, compilers) {
  const out = output(arch);
  const built = mtime(out);
  const inputs = Math.max(mtime(source), mtime('scripts/build-helper.js'));
  if (built !== undefined && built >= inputs) return undefined;
  const reasons = [];
  for (const cc of compilers) {
    const r = spawnSync(cc, ['-Os', '-static', '-s', '-o', out, source], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (!r.error && r.status === 0) {
      console.log(`rtnl-ts: built ${out} (${cc})`);
      return undefined;
    }
    reasons.push(r.error ? `${cc} could not be run (${r.error.code ?? r.error.message})` : `${cc} failed (exit status ${r.status ?? r.signal})`);
  }
  return reasons.join('; ');
}

mkdirSync(path.join(root, 'dist/helper'), { recursive: true });
const failures = [];
for (const [arch, { cc, pkg }] of Object.entries(SHIPPED)) {
  // The native compiler under its plain name too, for distributions without Debian's triplet names.
  const why = build(arch, process.arch === arch ? [cc, 'cc'] : [cc]);
  if (why) failures.push({ arch, why, fix: `apt-get install ${process.arch === arch ? 'gcc libc6-dev' : pkg}` });
}
if (!(process.arch in SHIPPED)) {
  const why = build(process.arch, ['cc']);
  if (why) failures.push({ arch: process.arch, why, fix: 'install a C compiler and the static C library' });
}

for (const { arch, why, fix } of failures) {
  const native = arch === process.arch;
  console.warn([
    `rtnl-ts ${all ? 'ERROR' : 'WARNING'}: the netns exec helper for linux-${arch} was not built: ${why}.`,
    native
      ? '  netns.exec / `rtnl-ts netns exec` on this machine will fall back to spawning the command from inside the\n'
        + '  namespace WITHOUT remounting /sys and WITHOUT binding /etc/netns/NAME files over /etc, and warn each time.'
      : `  A package packed from this tree would lack it (\`npm pack\` refuses).`,
    `  To build it: ${fix}, then \`npm run build\`.`,
  ].join('\n'));
}
if (all && failures.some(({ arch }) => arch in SHIPPED)) process.exit(1);
