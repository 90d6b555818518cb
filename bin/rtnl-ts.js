#!/usr/bin/env node
// The rtnl-ts command: iproute2's `ip` grammar and output over the rtnl-ts library.
import { main } from '../dist/src/api/cli/main.js';

process.exit(await main(process.argv.slice(2)));
