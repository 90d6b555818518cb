// `netns exec NS CMD` when CMD cannot be run: ip's words and exit status, directly, in -batch
// (with and without -force) and with -all (issue 22).
import test from 'ava';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BIN, exec, type Ran } from './cli-helpers.js';
import { assertSandboxed, freshNetns } from './_util.js';

const both = (args: string[], input?: string): { ip: Ran; cli: Ran } => ({
  ip: exec('ip', args, input),
  cli: exec(process.execPath, [BIN, ...args], input),
});

let ns: { name: string; del: () => void };
test.before(() => { assertSandboxed(); ns = freshNetns('exc'); });
test.after.always(() => ns?.del());

for (const cmd of [['missing-command'], ['/nonexistent/x'], ['/etc/passwd'], ['sh', '-c', 'echo out; echo err >&2; exit 7'], ['true'],
  // The helper's switch to ip's words is not left in the command's environment.
  ['sh', '-c', 'echo ${RTNL_TS_EXEC_ERRORS-unset}']]) {
  test(`netns exec NS ${cmd.join(' ')}: as ip`, (t) => {
    const r = both(['netns', 'exec', ns.name, ...cmd]);
    t.deepEqual(r.cli, r.ip);
  });
}

test('netns exec of a missing command in -batch, with and without -force: as ip', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exc-'));
  try {
    const file = path.join(dir, 'batch');
    fs.writeFileSync(file, `netns exec ${ns.name} missing-command\nnetns exec ${ns.name} true\nnetns exec ${ns.name} /etc/passwd\n`);
    for (const force of [[], ['-force']]) {
      const r = both([...force, '-batch', file]);
      t.deepEqual(r.cli, r.ip, force.join(' '));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('-all netns exec of a missing command: as ip', (t) => {
  const r = both(['-all', 'netns', 'exec', 'missing-command']);
  t.deepEqual(r.cli, r.ip);
});
