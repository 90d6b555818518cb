#!/usr/bin/env node
// Bundle the CLI (dist/src/api/cli/main.js and everything it imports, koffi aside) into one file,
// dist/rtnl-ts-cli.js: loading ~90 ES modules one by one is most of the command's start-up time.
// bin/rtnl-ts.js uses the bundle when it exists, the module tree otherwise.
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.warn('rtnl-ts: esbuild is not installed; the CLI runs from the module tree (slower start-up)');
  process.exit(0);
}
await esbuild.build({
  entryPoints: [path.join(root, 'dist/src/api/cli/main.js')],
  outfile: path.join(root, 'dist/rtnl-ts-cli.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['koffi'],
  logLevel: 'warning',
});
