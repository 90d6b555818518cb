#!/usr/bin/env node
// `npm test`: build (incrementally), then every suite one after the other, each opened by a
// marker line, and one summary of all of them at the end. A suite is a command whose output is
// passed through as it comes; its counts are read from ava's closing lines when it has them.
// Suites run even after one failed, so the summary is complete; the exit status is 1 if any failed.
//   unit         ava (dist/test/unit), no privilege
//   kernel       scripts/kernel-tests.js: root, in a throwaway network sandbox
//   full-kernel  scripts/full-kernel-tests.js, when present
//   consumer     scripts/consumer-test.js: the packed package, installed and used as a user would
//   docs         TypeDoc over the public entry into docs/api: any warning (an exported symbol
//                without TSDoc, a type the API names but does not export) fails it
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// ava's command (its bin), beside the main entry: the package exports neither path.
const ava = path.join(path.dirname(createRequire(import.meta.url).resolve('ava')), 'cli.mjs');
const SUITES = [
  { name: 'unit', args: [ava] },
  { name: 'kernel', args: ['scripts/kernel-tests.js'] },
  { name: 'full-kernel', args: ['scripts/full-kernel-tests.js'], optional: true },
  { name: 'consumer', args: ['scripts/consumer-test.js'] },
  { name: 'docs', args: ['node_modules/typedoc/bin/typedoc'] },
];
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s) => (color ? `\x1b[1m${s}\x1b[22m` : s);

/** Counts from ava's closing lines ("  203 tests passed", "  1 test failed", "  2 known failures", ...). */
function avaCounts(output) {
  const counts = {};
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  for (const m of plain.matchAll(/^ {2}(\d+) (?:tests? (passed|failed|skipped|todo)|(known failure|uncaught exception|unhandled rejection)s?)$/gm)) {
    counts[m[2] ?? m[3]] = Number(m[1]);
  }
  return counts;
}

/** Run one suite, its stdout passed through and kept; resolves to its exit status and output. */
function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ['inherit', 'pipe', 'inherit'],
      env: color ? { ...process.env, FORCE_COLOR: '1' } : process.env,
    });
    let output = '';
    child.stdout.on('data', (b) => {
      process.stdout.write(b);
      output += b.toString();
    });
    child.on('close', (status, signal) => resolve({ status: status ?? (signal ? 128 : 1), output }));
  });
}

const build = spawnSync(process.execPath, ['scripts/build.js'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const results = [];
for (const suite of SUITES) {
  if (suite.optional && !existsSync(path.join(root, suite.args[0]))) continue;
  console.log(`\n${bold(`━━ rtnl-ts: ${suite.name} tests ━━`)}\n`);
  const { status, output } = await run(suite.args);
  const counts = avaCounts(output);
  const parts = Object.entries(counts).map(([what, n]) => `${n} ${what}${n !== 1 && what.includes(' ') ? 's' : ''}`);
  // No counts: a suite that passed says what it did (e.g. why it was skipped) in its last line.
  const note = parts.length > 0 ? parts.join(', ') : status === 0 ? output.trim().split('\n').pop() ?? '' : '';
  results.push({ name: suite.name, ok: status === 0, note: `${status === 0 ? 'ok' : `FAILED (exit status ${status})`}${note ? `: ${note}` : ''}` });
}

const width = Math.max(...results.map((r) => r.name.length));
console.log(`\n${bold('━━ rtnl-ts: test summary ━━')}`);
for (const r of results) console.log(`  ${r.name.padEnd(width)}  ${r.note}`);
const failed = results.filter((r) => !r.ok).map((r) => r.name);
console.log(failed.length === 0 ? `  all ${results.length} suites passed` : `  failed: ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
