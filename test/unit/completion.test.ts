/**
 * Shell completion generated from the command tables: the bash script completes objects, verbs,
 * options, option arguments, devices, namespaces and kinds as ip's words; the zsh script runs the
 * same function through bashcompinit; the option table used for completion is the parser's.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bashScript, zshScript } from '../../src/cli/completion.js';
import { IP_OBJECTS, IP_OPTIONS, PROGRAMS } from '../../src/cli/commands.js';
import { parseOptions } from '../../src/cli/main.js';
import type { Globals } from '../../src/cli/context.js';
import { CLI_KINDS } from '../../src/cli/kinds/index.js';

const hasShell = (sh: string): boolean => spawnSync(sh, ['-c', 'true']).status === 0;

/** Complete each line (words, the last one being completed) in `shell`; one answer per line. */
function complete(shell: 'bash' | 'zsh', script: string, lines: readonly string[][]): string[][] {
  const dir = mkdtempSync(path.join(tmpdir(), 'rtnl-ts-completion-'));
  try {
    const file = path.join(dir, `c.${shell}`);
    writeFileSync(file, script);
    const quote = (w: string): string => `'${w.replace(/'/g, "'\\''")}'`;
    const driver = [
      shell === 'zsh' ? 'autoload -U compinit && compinit -u -D' : '',
      `source ${file}`,
      // as bash's complete and zsh's _bash_complete call it: the words, the index of the current one
      't() { local -a COMP_WORDS COMPREPLY; COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _rtnl_ts; echo "${COMPREPLY[*]}"; }',
      ...lines.map((l) => `t ${l.map(quote).join(' ')}`),
    ].join('\n');
    const r = spawnSync(shell, ['-c', driver], { encoding: 'utf8', env: { ...process.env, HOME: dir } });
    if (r.status !== 0) throw new Error(`${shell}: ${r.stderr}`);
    return r.stdout.split('\n').slice(0, lines.length).map((l) => l.split(' ').filter((w) => w !== ''));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const objects = IP_OBJECTS.filter((o) => o.load !== null).map((o) => o.name);
const devices = readdirSync('/sys/class/net');

test('bash: objects, verbs, options and their arguments, devices and kinds, tc', async (t) => {
  if (!hasShell('bash')) return t.pass('no bash');
  const [all, li, linkVerbs, abbreviated, options, family, afterNetns, dev, kinds, tc, tcVerbs, bridgeLink] = complete('bash', await bashScript(), [
    ['rtnl-ts', ''], ['rtnl-ts', 'li'], ['rtnl-ts', 'link', ''], ['rtnl-ts', '-j', '-d', 'l', ''], ['rtnl-ts', '-js'],
    ['rtnl-ts', '-f', 'i'], ['rtnl-ts', '-n', 'ns0', 'ro', 'fl'], ['rtnl-ts', 'link', 'set', 'dev', ''],
    ['rtnl-ts', 'link', 'add', 'v0', 'type', 'vl'], ['rtnl-ts', 'tc', ''], ['rtnl-ts', 'tc', '-s', 'q', ''],
    ['rtnl-ts', 'bridge', '-j', 'li', ''],
  ]);
  // the programs with a completion tree (tc, bridge, topo, ...), after ip's objects
  const programs: string[] = [];
  for (const [name, load] of Object.entries(PROGRAMS)) if ((await load()).completion) programs.push(name);
  t.true(programs.includes('tc'));
  t.deepEqual(all, [...objects, ...programs]);
  t.deepEqual(li, ['link']);
  t.deepEqual(linkVerbs, ['add', 'set', 'change', 'delete', 'show', 'lst', 'list', 'property', 'help']);
  t.deepEqual(abbreviated, linkVerbs, 'options are skipped and an abbreviated object is resolved as ip does');
  t.deepEqual(options, ['-json']);
  t.deepEqual(family, ['inet', 'inet6']);
  t.deepEqual(afterNetns, ['flush'], 'the namespace after -n is skipped, ro is route');
  t.deepEqual(dev, devices);
  t.deepEqual(kinds, Object.keys(CLI_KINDS).filter((k) => k.startsWith('vl')));
  t.true(tc!.includes('qdisc') && tc!.includes('class') && tc!.includes('filter'));
  t.true(tcVerbs!.includes('add') && tcVerbs!.includes('show'));
  t.deepEqual(bridgeLink, ['set', 'change', 'show', 'list', 'help']);
});

test('bash: topo\'s verbs, draw\'s words, its -n option', async (t) => {
  if (!hasShell('bash')) return t.pass('no bash');
  const [verbs, dr, words, afterNetns] = complete('bash', await bashScript(), [
    ['rtnl-ts', 'topo', ''], ['rtnl-ts', 'topo', 'dr'], ['rtnl-ts', 'topo', 'draw', '--'], ['rtnl-ts', 'topo', '-n', 'ns0', 'draw', '--m'],
  ]);
  t.deepEqual(verbs, ['plan', 'apply', 'destroy', 'show', 'draw', 'help']);
  t.deepEqual(dr, ['draw']);
  t.deepEqual(words, ['--live', '--dot', '--mermaid', '--svg']);
  t.deepEqual(afterNetns, ['--mermaid']);
});

test('zsh: the same function through bashcompinit (zsh filters the words itself)', async (t) => {
  if (!hasShell('zsh')) return t.pass('no zsh');
  const [linkVerbs, dev] = complete('zsh', await zshScript(), [['rtnl-ts', '-j', 'l', ''], ['rtnl-ts', 'link', 'set', 'dev', '']]);
  t.deepEqual(linkVerbs, ['add', 'set', 'change', 'delete', 'show', 'lst', 'list', 'property', 'help']);
  t.deepEqual(dev, devices);
});

test('the option table is the parser\'s: each option is read, with its argument when it takes one', (t) => {
  for (const o of IP_OPTIONS) {
    if (o.name === '-help' || o.name === '-Version') continue; // they end the parse
    const g = {} as Globals;
    const args = o.arg === undefined ? [o.name, 'link'] : [o.name, o.arg === 'family' ? 'inet' : 'x', 'link'];
    t.deepEqual(parseOptions(args, g).rest, ['link'], o.name);
  }
});
