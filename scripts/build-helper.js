#!/usr/bin/env node
// Compiles the exec helper (src/netlink/exec-helper.c -> dist/rtnl-ts-exec) that netns.exec uses
// to run a command inside a named network namespace as `ip netns exec` does. Runs as part of
// `npm run build` (and so of `npm install` through `prepare`). Without a C compiler the build
// still succeeds, with a clear warning: netns.exec then falls back to spawning the command from
// inside the namespace, without remounting /sys or binding /etc/netns files.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = ['-O2', '-o', 'dist/rtnl-ts-exec', 'src/netlink/exec-helper.c'];

mkdirSync(path.join(root, 'dist'), { recursive: true });
const r = spawnSync('cc', args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
if (r.error || r.status !== 0) {
  const why = r.error ? `cc could not be run (${r.error.code ?? r.error.message})` : `cc failed (exit status ${r.status ?? r.signal})`;
  console.warn([
    '',
    `rtnl-ts WARNING: the netns exec helper was not built: ${why}.`,
    '  netns.exec / `rtnl-ts netns exec` will fall back to spawning the command from inside the',
    '  namespace WITHOUT remounting /sys and WITHOUT binding /etc/netns/NAME files over /etc,',
    '  and will warn each time. Install a C compiler (e.g. `apt-get install gcc`) and run',
    `  \`npm run build\`, or run \`cc ${args.join(' ')}\` in ${root}.`,
    '',
  ].join('\n'));
} else {
  console.log('rtnl-ts: built dist/rtnl-ts-exec');
}
