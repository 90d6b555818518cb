/**
 * `rtnl-ts tc filter add ... bpf object-pinned|pinned|fd PATH` and ip.tc.filter's typed bpf
 * driver against tc 6.1 on this kernel (it has cls_bpf): a trivial sched_cls program (r0 = 0,
 * exit: TC_ACT_OK) is loaded with bpf(2) and pinned in a bpffs mounted in the sandbox's own
 * mount namespace (this kernel has no act_gact: the shows use mirred). The requests equal tc's (strace, TCA_BPF_FD masked: the fd numbers differ),
 * the filters both make show the same in tc's show and rtnl-ts's (text, -j, -s; both run the
 * same pinned program, so its id agrees), and bad lines get tc's words and status, nothing sent.
 */
import test from 'ava';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as ffi from '../../src/netlink/ffi.js';
import { assertSandboxed, run, tryRun, uniq } from './_util.js';
import { exec, runCli, sameTcFailures, withoutAges } from './cli-helpers.js';
import { diffRequests, requestParity, type NlRequest } from './parity.js';

const BPF_PROG_LOAD = 5;
const BPF_OBJ_PIN = 6;
const BPF_PROG_TYPE_SCHED_CLS = 3;

let dir = '';
let prog = '';

/** Load `mov r0, 0; exit` as a GPL sched_cls program and pin it at `at`. */
function loadAndPin(at: string): void {
  const buf = new Uint8Array(20);
  buf.set([0xb7, 0, 0, 0, 0, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0, 0x47, 0x50, 0x4c, 0]); // insns, then "GPL"
  const attr = new Uint8Array(128);
  const dv = new DataView(attr.buffer);
  dv.setUint32(0, BPF_PROG_TYPE_SCHED_CLS, true);
  dv.setUint32(4, 2, true);
  const fd = ffi.bpf(BPF_PROG_LOAD, attr, { buf, fill: (a) => { dv.setBigUint64(8, a, true); dv.setBigUint64(16, a + 16n, true); } });
  try {
    const pin = new Uint8Array(16);
    const pv = new DataView(pin.buffer);
    ffi.bpf(BPF_OBJ_PIN, pin, { buf: new Uint8Array(Buffer.from(`${at}\0`)), fill: (a) => { pv.setBigUint64(0, a, true); pv.setUint32(8, fd, true); } });
  } finally {
    ffi.close(fd);
  }
}

test.before(() => {
  assertSandboxed();
  dir = mkdtempSync(path.join(tmpdir(), 'rtnl-bpffs-'));
  run('mount', ['-t', 'bpf', 'bpf', dir]);
  prog = path.join(dir, 'prog');
  loadAndPin(prog);
});

test.after.always(() => {
  if (!dir) return;
  tryRun('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
});

const SETUP = 'ip link add d0 type veth peer name d1; tc qdisc add dev d0 clsact';
const P = (s: string): string[] => s.replace(/PROG/g, prog).split(' ');

const LINES: readonly string[] = [
  'tc filter add dev d0 ingress pref 1 protocol all bpf object-pinned PROG da classid 1:1',
  'tc filter add dev d0 egress bpf classid 1:2 skip_hw fd PROG direct-action action drop',
  'tc filter add dev d0 ingress pref 3 protocol ip handle 5 bpf run pinned PROG flowid 1:3 action gact pass',
  'tc filter add dev d0 ingress pref 4 bpf pinned PROG skip_sw',
];

/** TCA_BPF_FD (a 4-byte attribute of type 6) with its value zeroed: the two tools' fds differ. */
function maskFd(r: NlRequest): NlRequest {
  const b = Uint8Array.from(r.bytes);
  for (let i = 0; i + 8 <= b.length; i++) {
    if (b[i] === 8 && b[i + 1] === 0 && b[i + 2] === 6 && b[i + 3] === 0) b.fill(0, i + 4, i + 8);
  }
  return { ...r, bytes: b };
}

for (const line of LINES) {
  test(`same requests (fd masked): ${line}`, (t) => {
    const words = P(line);
    const r = requestParity(words, undefined, { setup: SETUP, types: ['RTM_NEWTFILTER'] });
    const [a, b] = [r.a.requests.map(maskFd), r.b.requests.map(maskFd)];
    t.true(a.length > 0, `tc sent a filter request: ${r.a.stderr}`);
    t.is(a.length, b.length, r.b.stderr);
    const same = a.every((x, i) => Buffer.compare(x.bytes, b[i]!.bytes) === 0);
    t.true(same, same ? '' : diffRequests(a, b, ['tc', 'rtnl-ts']));
    t.is(r.b.status, r.a.status, 'exit status');
    t.is(r.b.stderr, r.a.stderr, 'stderr');
  });
}

const ADDS: readonly string[] = [
  'filter add dev d0 ingress pref 1 protocol all bpf object-pinned PROG da classid 1:1',
  'filter add dev d0 egress pref 2 protocol all bpf classid 1:2 skip_hw fd PROG direct-action action mirred egress mirror dev d1',
  'filter add dev d0 ingress pref 3 protocol ip handle 5 bpf pinned PROG flowid 1:3 action mirred egress redirect dev d1',
];

test('filters made by tc and by rtnl-ts show the same; rtnl-ts shows them as tc does', (t) => {
  const a = uniq('tba');
  const b = uniq('tbb');
  try {
    for (const n of [a, b]) {
      run('ip', ['netns', 'add', n]);
      run('ip', ['netns', 'exec', n, 'bash', '-ec', SETUP]);
    }
    for (const line of ADDS) {
      run('tc', ['-n', a, ...P(line)]);
      const r = runCli('tc', '-n', b, ...P(line));
      t.is(r.status, 0, `rtnl-ts tc ${line}: ${r.stderr}`);
    }
    for (const side of ['ingress', 'egress']) {
      for (const opts of [[], ['-j'], ['-s'], ['-d']]) {
        const show = ['filter', 'show', 'dev', 'd0', side];
        const x = exec('tc', [...opts, '-n', a, ...show]);
        x.stdout = withoutAges(x.stdout);
        t.regex(x.stdout, /id \d+ name  tag [0-9a-f]{16}|"prog":\{"id"/, `tc shows the program (${side} ${opts.join(' ')})`);
        t.is(withoutAges(exec('tc', [...opts, '-n', b, ...show]).stdout), x.stdout, `tc ${opts.join(' ')} show ${side}: made by tc vs by rtnl-ts`);
        const y = runCli('tc', ...opts, '-n', a, ...show);
        t.is(withoutAges(y.stdout), x.stdout, `rtnl-ts tc ${opts.join(' ')} show ${side}`);
        t.is(y.stderr, x.stderr);
      }
    }
  } finally {
    tryRun('ip', ['netns', 'del', a]);
    tryRun('ip', ['netns', 'del', b]);
  }
});

const BAD: readonly string[] = [
  'filter add dev d0 ingress bpf pinned', 'filter add dev d0 ingress bpf pinned /nonexistent/prog',
  'filter add dev d0 ingress bpf fd 3', 'filter add dev d0 ingress bpf bogus', 'filter add dev d0 ingress bpf pinned PROG bogus',
  'filter add dev d0 ingress bpf pinned PROG pinned PROG', 'filter add dev d0 ingress bpf run', 'filter add dev d0 ingress bpf run pinned PROG run x',
  'filter add dev d0 ingress bpf pinned PROG classid zz', 'filter add dev d0 ingress bpf pinned PROG classid', 'filter add dev d0 ingress bpf help',
  'filter add dev d0 ingress bpf da pinned', 'filter add dev d0 ingress handle zz bpf pinned PROG', 'filter add dev d0 ingress bpf pinned /tmp',
];

test('bad bpf lines: tc\'s words and status, nothing sent', (t) => {
  sameTcFailures(t, SETUP, BAD, { words: P });
  for (const cmd of BAD.slice(0, 6)) {
    const r = requestParity(['tc', ...P(cmd)], undefined, { setup: SETUP, types: ['RTM_NEWTFILTER'], allowNone: true });
    t.is(r.a.requests.length, 0, `tc sent nothing for tc ${cmd}`);
    t.is(r.b.requests.length, 0, `rtnl-ts sent nothing for tc ${cmd}`);
  }
});

test('loading words are refused as out of scope, nothing sent', (t) => {
  for (const w of ['bytecode 1,6_0_0_0', 'bc x', 'bytecode-file x', 'object-file x', 'obj x']) {
    const r = runCli('tc', 'filter', 'add', 'dev', 'lo', 'ingress', 'bpf', ...w.split(' '));
    t.regex(r.stderr, /not supported by rtnl-ts/, w);
    t.is(r.status, 1);
  }
  const r = runCli('tc', ...P('filter add dev lo ingress bpf pinned PROG section x'));
  t.regex(r.stderr, /"section" is not supported by rtnl-ts/);
  // tc sends a filter without a program (the kernel refuses it); rtnl-ts refuses it first.
  for (const w of ['', ' da', ' classid 1:1 skip_hw']) {
    const n = runCli('tc', ...`filter add dev lo ingress bpf${w}`.split(' '));
    t.regex(n.stderr, /needs a program/, `bpf${w}`);
    t.is(n.status, 1);
  }
});

test('the API\'s typed bpf (pinned, fd) makes the filter tc makes; the pinned fd is closed after', async (t) => {
  const a = uniq('tbc');
  const b = uniq('tbd');
  try {
    for (const n of [a, b]) {
      run('ip', ['netns', 'add', n]);
      run('ip', ['netns', 'exec', n, 'bash', '-ec', SETUP]);
    }
    run('tc', ['-n', a, ...P('filter add dev d0 ingress pref 1 protocol all bpf pinned PROG da classid 1:1 action mirred egress mirror dev d1')]);
    run('tc', ['-n', a, ...P('filter add dev d0 egress pref 2 protocol all bpf pinned PROG skip_hw')]);
    const { IpRoute } = await import('../../src/api/iproute.js');
    const { bpfObjGet } = await import('../../src/api/tc/bpf.js');
    const ip = await IpRoute.open({ netns: b });
    const fds = (): number => readdirSync('/proc/self/fd').length;
    try {
      const before = fds();
      await ip.tc.filter.add({ dev: 'd0', parent: 'ingress', pref: 1, protocol: 'all', kind: 'bpf', pinned: prog, directAction: true, classid: '1:1', actions: [{ kind: 'mirred', direction: 'egress', mode: 'mirror', dev: 'd1' }] });
      t.is(fds(), before, 'the pinned program\'s fd is closed');
      const fd = bpfObjGet(prog);
      try {
        await ip.tc.filter.add({ dev: 'd0', parent: 'egress', pref: 2, protocol: 'all', kind: 'bpf', fd, name: 'prog:[*fsobj]', skipHw: true });
      } finally {
        ffi.close(fd);
      }
      await t.throwsAsync(ip.tc.filter.add({ dev: 'd0', parent: 'egress', kind: 'bpf', pinned: prog, fd: 3 }), { message: /pinned or fd/ });
      await t.throwsAsync(ip.tc.filter.add({ dev: 'd0', parent: 'egress', kind: 'bpf', pinned: '/nonexistent/prog' }), { code: 'ENOENT' });
    } finally {
      ip.close();
    }
    for (const side of ['ingress', 'egress']) {
      const show = (n: string): string => exec('tc', ['-n', n, 'filter', 'show', 'dev', 'd0', side]).stdout;
      t.is(show(b), show(a), side);
    }
  } finally {
    tryRun('ip', ['netns', 'del', a]);
    tryRun('ip', ['netns', 'del', b]);
  }
});
