/**
 * Bad options of the GRE kinds (gre, gretap, erspan, ip6gre, ip6gretap, ip6erspan): each is an
 * InvalidArgumentError (a misspelt key an UnknownOptionError) and nothing is sent nor looked up.
 * The requests themselves are checked against iproute2's in test/kernel/parity-gre.test.ts.
 */
import test from 'ava';
import { LinkService } from '../../src/api/link.js';
import { InvalidArgumentError, UnknownOptionError } from '../../src/api/errors.js';
import type { LinkSpec } from '../../src/api/link-types.js';
import { greTable } from '../../src/rtnl/link/index.js';
import { AttrWriter } from '../../src/netlink/index.js';
import { stubContext } from './_fixtures.js';

const CASES: readonly [unknown, RegExp][] = [
  [{ name: 'g0', type: 'gre', remote: '192.0.2.1', ttll: 3 }, /ttll/],
  [{ name: 'g0', type: 'gre', erspan: 3 }, /erspan/],
  [{ name: 'g0', type: 'gre', hoplimit: 3 }, /hoplimit/],
  [{ name: 'g0', type: 'ip6gre', ttl: 3 }, /ttl/],
  [{ name: 'g0', type: 'gre', remote: '2001:db8::1' }, /remote/],
  [{ name: 'g0', type: 'ip6gre', local: '192.0.2.1' }, /local/],
  [{ name: 'g0', type: 'gre', ttl: 256 }, /ttl/],
  [{ name: 'g0', type: 'gre', key: 'x' }, /key/],
  [{ name: 'g0', type: 'gre', key: -1 }, /key/],
  [{ name: 'g0', type: 'gre', seq: 1 }, /seq/],
  [{ name: 'g0', type: 'gre', encap: 'mpls' }, /encap/],
  [{ name: 'g0', type: 'gre', encapDport: 65536 }, /encapDport/],
  [{ name: 'g0', type: 'gre', remote: '239.1.1.1' }, /broadcast tunnel requires a source address/],
  [{ name: 'g0', type: 'erspan', erspan: 0 }, /erspan index/],
  [{ name: 'g0', type: 'erspan', erspanVer: 3 }, /erspanVer/],
  [{ name: 'g0', type: 'erspan', erspanDir: 'up' }, /erspanDir/],
  [{ name: 'g0', type: 'ip6gre', flowlabel: 0x100000 }, /flowlabel/],
  [{ name: 'g0', type: 'ip6gre', tclass: 256 }, /tclass/],
  [{ name: 'g0', type: 'ip6gre', dscp: 'copy' }, /dscp/],
  [{ name: 'g0', type: 'ip6erspan', encaplimit: 'all' }, /encaplimit/],
];

test('GRE kinds: misspelt keys and bad values are refused before any request', async (t) => {
  for (const [spec, message] of CASES) {
    const { ctx, sent, lookups } = stubContext();
    const e = await t.throwsAsync(new LinkService(ctx).add(spec as LinkSpec), { instanceOf: InvalidArgumentError }, JSON.stringify(spec));
    t.regex(e?.message ?? '', message, JSON.stringify(spec));
    t.deepEqual(sent, [], JSON.stringify(spec));
    t.deepEqual(lookups, [], JSON.stringify(spec));
  }
  const { ctx } = stubContext();
  await t.throwsAsync(new LinkService(ctx).add({ name: 'g0', type: 'gretap', lerning: 1 } as unknown as LinkSpec), { instanceOf: UnknownOptionError });
});

test('IFLA_GRE_*: keys, flags and ports are network order; endpoints IPv4 or IPv6 by length', (t) => {
  const w = new AttrWriter();
  greTable.encode(w, { ikey: 0x01020304, iflags: 0x2000, local: '192.0.2.1', remote: '2001:db8::1', encapSport: 0x1234 });
  const bytes = w.finish();
  t.deepEqual(greTable.decode(bytes), { ikey: 0x01020304, iflags: 0x2000, local: '192.0.2.1', remote: '2001:db8::1', encapSport: 0x1234 });
  t.deepEqual([...bytes.subarray(4, 8)], [1, 2, 3, 4]);
  t.deepEqual([...bytes.subarray(12, 14)], [0x20, 0]);
});
