#!/usr/bin/env node
// The rtnl-ts command: iproute2's `ip` grammar and output over the rtnl-ts library.
// The bundled CLI (scripts/bundle-cli.js) starts faster; the module tree is the fallback.
let cli;
try {
  cli = await import('../dist/rtnl-ts-cli.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  cli = await import('../dist/src/api/cli/main.js');
}
process.exit(await cli.main(process.argv.slice(2)));
