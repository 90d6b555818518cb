/**
 * -c / -color[=always|auto|never] beside ip 6.1 (issue 22): the same escape codes on the same
 * fields (device names, link-layer and IP addresses, UP/DOWN) in link, addr, route, neigh, rule,
 * maddress and netconf output, the dark palette under COLORFGBG, auto on a terminal only, none
 * under -j.
 */
import test from 'ava';
import { BIN, exec, sandwich, type Ran } from './cli-helpers.js';
import { assertSandboxed, ip, run, tryRun, uniq } from './_util.js';

const v = uniq('cv');

test.before(() => {
  assertSandboxed();
  run('ip', ['-batch', '-'], [
    `link add ${v} type veth peer name ${v}p`, `link set ${v} up`, `link set ${v}p up`,
    `addr add 10.77.0.1/24 brd + dev ${v}`, `addr add 2001:db8:77::1/64 dev ${v} nodad`, `addr add 10.77.1.1 peer 10.77.1.2/32 dev ${v}p`,
    `route add 10.78.0.0/16 via 10.77.0.2 src 10.77.0.1`, `route add 10.79.0.0/16 nexthop via 10.77.0.2 dev ${v} nexthop via 10.77.0.3 dev ${v}`,
    `route add 2001:db8:78::/48 via 2001:db8:77::2`, `neigh add 10.77.0.5 lladdr 02:00:00:00:00:05 dev ${v}`,
    `rule add from 10.77.0.0/16 to 10.78.0.0/16 iif ${v} oif ${v}p table 177 pref 1177`,
  ].join('\n') + '\n');
});
test.after.always(() => {
  tryRun('ip', ['link', 'del', v]);
  tryRun('ip', ['rule', 'del', 'pref', '1177']);
});

const cli = (args: string[], env?: NodeJS.ProcessEnv): Ran => exec(process.execPath, [BIN, ...args], undefined, env);
const strip = (r: Ran): Ran => ({ ...r, stderr: r.stderr.replaceAll('rtnl-ts', 'ip') });

const SHOWS = [['link', 'show'], ['addr', 'show'], ['route', 'show'], ['-6', 'route', 'show'], ['neigh', 'show'], ['rule', 'show'],
  ['maddress', 'show', 'dev', v], ['netconf', 'show', 'dev', v], ['route', 'get', '10.78.0.1'], ['-4', 'netconf', 'show', 'dev', v],
  ['neigh', 'get', '10.77.0.5', 'dev', v], ['link', 'show', 'dev', `${v}p`]];

for (const opts of [['-c'], ['-color'], ['-color=always'], ['-col=always'], ['-c='], ['-c', '-br'], ['-c', '-o'], ['-c', '-d'], ['-c', '-j'],
  ['-color=never'], ['-color=auto'], ['-c', '-color=never'], ['-color=bogus']]) {
  test(`ip ${opts.join(' ')} ... (text of twelve commands)`, (t) => {
    for (const show of SHOWS) {
      // ip, rtnl-ts, ip until ip says the same twice: other tests' addresses count their lifetimes down.
      const args = [...opts, ...show];
      const r = sandwich(args);
      t.deepEqual(strip(r.cli), r.ip, args.join(' '));
    }
  });
}

test('the dark palette: COLORFGBG ending in 0-6 or 8 gives the bold colors', (t) => {
  for (const bg of ['15;0', '0;15', '15;default;8', '7']) {
    const env = { ...process.env, COLORFGBG: bg };
    for (const show of [['link', 'show', 'dev', v], ['addr', 'show', 'dev', v]]) {
      const args = ['-c', ...show];
      const theirs = exec('ip', args, undefined, env);
      t.deepEqual(strip(cli(args, env)), theirs, `COLORFGBG=${bg} ${args.join(' ')}`);
    }
  }
});

test('-color=auto colors on a terminal (under script(1)) and not on a pipe', (t) => {
  const onTty = (cmd: string): string => exec('script', ['-qc', cmd, '/dev/null']).stdout;
  const theirs = onTty(`ip -color=auto link show dev ${v}`);
  t.true(theirs.includes('\x1b['), 'ip colors on a terminal');
  t.is(onTty(`${process.execPath} ${BIN} -color=auto link show dev ${v}`), theirs);
  t.false(cli(['-color=auto', 'link', 'show', 'dev', v]).stdout.includes('\x1b['));
  ip('link', 'show', 'dev', v);
});
