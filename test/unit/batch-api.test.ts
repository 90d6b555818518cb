// ip.batch's ordering rule against a recording connection: names no earlier request touches are
// looked up first, together; a name an earlier request creates cuts the batch there.
import test from 'ava';
import type { ApiContext } from '../../src/api/context.js';
import { runBatch } from '../../src/api/batch.js';
import { LinkService } from '../../src/api/link.js';
import { AddrService } from '../../src/api/addr.js';
import { NetlinkError } from '../../src/netlink/index.js';

function recorder(refuse = -1) {
  const log: string[] = [];
  let n = 0;
  const conn = {
    pipeline: async <T>(fn: () => Promise<T>) => fn(),
    sendBatch: async (reqs: { op: string }[]) => {
      log.push(`send ${reqs.map((r) => r.op).join(',')}`);
      return reqs.map(() => (n++ === refuse ? { ok: false, error: new NetlinkError({ errno: 17, operation: 'x' }) } : { ok: true, replies: [] }));
    },
  };
  const ctx = {
    conn,
    checkIndex: (i: number) => i,
    ifindex: async (dev: string) => { log.push(`get ${dev}`); return 7; },
  } as unknown as ApiContext;
  return { log, run: (fn: Parameters<typeof runBatch>[3], stop = false) => runBatch(ctx, new LinkService(ctx), new AddrService(ctx), fn, { stopOnError: stop }) };
}

test('batch: outside names first and together; a created name cuts the batch', async (t) => {
  const { log, run } = recorder();
  const r = await run((b) => {
    b.addr.add('eth0', '10.0.0.1/24');
    b.link.add({ type: 'veth', name: 'va0', peer: { name: 'vb0' } });
    b.addr.add('eth0', '10.0.0.2/24');
    b.addr.add('va0', '10.1.0.1/24');
    b.addr.add('vb0', '10.2.0.1/24');
    b.addr.add(3, '10.3.0.1/24');
  });
  t.true(r.every((x) => x.ok));
  t.deepEqual(log, ['get eth0', 'send RTM_NEWADDR,RTM_NEWLINK,RTM_NEWADDR', 'get va0', 'get vb0', 'send RTM_NEWADDR,RTM_NEWADDR,RTM_NEWADDR']);
});

test('batch: stopOnError sends nothing after a failed send; results say skipped', async (t) => {
  const { log, run } = recorder(0);
  const r = await run((b) => {
    b.link.add({ type: 'veth', name: 'va0', peer: { name: 'vb0' } });
    b.addr.add('va0', '10.1.0.1/24');
  }, true);
  t.deepEqual(log, ['send RTM_NEWLINK']);
  t.deepEqual(r.map((x) => [x.ok, 'skipped' in x && x.skipped]), [[false, false], [false, true]]);
});

test('batch: bad input throws while queuing, nothing sent', async (t) => {
  const { log, run } = recorder();
  await t.throwsAsync(run((b) => { b.addr.add('eth0', '10.0.0.1/24'); b.link.add({ type: 'veth', name: 'x'.repeat(16) }); }));
  t.deepEqual(log, []);
});
