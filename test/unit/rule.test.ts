/**
 * FIB rule codec: golden bytes both ways on captures of `ip rule add/del/show` from this kernel
 * (test/fixtures/rule), the `Rule` view, request building in iproute2's attribute order, the
 * RuleService's requests, the show filter, and property tests that garbage yields only
 * DecodeError and that decoded messages encode back to themselves.
 */
import test from 'ava';
import fc from 'fast-check';
import { AttrWriter, DecodeError, NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REQUEST } from '../../src/netlink/index.js';
import {
  FIB_RULE_INVERT, FR_ACT_GOTO, FR_ACT_TO_TBL, FR_ACT_UNSPEC, RTM_DELRULE, RTM_GETRULE, RTM_NEWRULE, decodeRuleMessage,
  encodeRuleMessage, toRule, type Rule, type RuleMessage,
} from '../../src/rtnl/rule/index.js';
import { buildRuleDump, buildRuleRequest, ruleMatcher, RuleService, type RuleSpec } from '../../src/api/rule.js';
import { InvalidArgumentError, UnknownOptionError } from '../../src/api/errors.js';
import { bytesOf, loadCapture, messages, onlyDecodeError, stubContext, toHex as hex, type Capture } from './_fixtures.js';

const fixture = (name: string): Capture => loadCapture(`rule/${name}.json`);
const REQ = NLM_F_REQUEST | NLM_F_ACK;
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x))) as T;

/** [fixture, RTM type, nlmsg flags, the spec rtnl-ts builds from ip's words, the decoded message]. */
const golden: [string, number, number, RuleSpec, RuleMessage][] = [
  ['newrule-full', RTM_NEWRULE, NLM_F_CREATE | NLM_F_EXCL, {
    from: '10.0.0.0/8', to: '192.168.0.0/16', tos: 0x10, fwmark: 5, fwmask: 0xff, iif: 'lo', oif: 'lo', table: 100, priority: 100,
    ipproto: 6, sport: { start: 10, end: 20 }, dport: 80, uidrange: { start: 100, end: 200 }, suppressPrefixlength: 8,
    suppressIfgroup: 5, protocol: 'static',
  }, {
    header: { family: 2, dstLen: 16, srcLen: 8, tos: 0x10, table: 100, action: FR_ACT_TO_TBL, flags: 0 },
    attrs: {
      src: '10.0.0.0', dst: '192.168.0.0', fwmark: 5, fwmask: 0xff, iifname: 'lo', oifname: 'lo', priority: 100, ipProto: 6,
      sportRange: { start: 10, end: 20 }, dportRange: { start: 80, end: 80 }, uidRange: { start: 100, end: 200 },
      suppressPrefixlen: 8, suppressIfgroup: 5, protocol: 4,
    },
  }],
  ['newrule-v6', RTM_NEWRULE, NLM_F_CREATE | NLM_F_EXCL, { family: 'inet6', not: true, from: '2001:db8::/32', priority: 200, table: 1000 }, {
    header: { family: 10, dstLen: 0, srcLen: 32, tos: 0, table: 0, action: FR_ACT_TO_TBL, flags: FIB_RULE_INVERT },
    attrs: { src: '2001:db8::', priority: 200, table: 1000 },
  }],
  ['newrule-goto', RTM_NEWRULE, NLM_F_CREATE | NLM_F_EXCL, { from: 'all', goto: 300, priority: 250 }, {
    header: { family: 2, dstLen: 0, srcLen: 0, tos: 0, table: 0, action: FR_ACT_GOTO, flags: 0 },
    attrs: { src: '', goto: 300, priority: 250 },
  }],
  ['newrule-nat', RTM_NEWRULE, NLM_F_CREATE | NLM_F_EXCL, { nat: '1.2.3.4', priority: 63, from: '5.6.7.8' }, {
    header: { family: 2, dstLen: 0, srcLen: 32, tos: 0, table: 254, action: 10, flags: 0 },
    attrs: { gateway: '1.2.3.4', priority: 63, src: '5.6.7.8' },
  }],
  ['delrule', RTM_DELRULE, 0, { fwmark: 1, table: 100 }, {
    header: { family: 2, dstLen: 0, srcLen: 0, tos: 0, table: 100, action: FR_ACT_UNSPEC, flags: 0 },
    attrs: { fwmark: 1 },
  }],
];

for (const [name, type, flags, spec, expected] of golden) {
  test(`golden ${name}: both ways, and built from the spec`, (t) => {
    const fx = fixture(name);
    t.regex(fx.kernel, /^\d+\.\d+/);
    t.regex(fx.iproute2, /iproute2-6\.1/);
    const [m] = messages(fx, 'send', type);
    t.is(m!.header.flags, REQ | flags);
    const decoded = decodeRuleMessage(m!.payload);
    t.deepEqual(plain(decoded), expected);
    t.is(hex(encodeRuleMessage(type, REQ | flags, decoded)), hex(bytesOf(m!)));
    t.is(hex(encodeRuleMessage(type, REQ | flags, buildRuleRequest(type === RTM_DELRULE, spec))), hex(bytesOf(m!)));
  });
}

test('golden getrule-dump: the request, byte-exact replies, Rule objects', (t) => {
  const fx = fixture('getrule-dump');
  const [req] = messages(fx, 'send', RTM_GETRULE);
  t.is(hex(req!.payload.subarray(0, 12)), hex(buildRuleDump('inet').subarray(16)));
  t.is(req!.header.type, RTM_GETRULE);
  const replies = messages(fx, 'recv', RTM_NEWRULE);
  t.is(replies.length, 11);
  for (const m of replies) t.is(hex(encodeRuleMessage(m.header.type, m.header.flags, decodeRuleMessage(m.payload))), hex(bytesOf(m)));
  const rules = replies.map((m) => { const { raw: _r, ...rest } = toRule(decodeRuleMessage(m.payload)); return plain(rest); });
  t.deepEqual(rules[0], { family: 'inet', priority: 0, from: 'all', action: 'lookup', protocol: 'kernel', table: 'local' });
  t.deepEqual(rules.find((r) => r.priority === 100), {
    family: 'inet', priority: 100, from: '10.0.0.0/8', to: '192.168.0.0/16', tos: 0x10, fwmark: 5, fwmask: 0xff, iif: 'lo', oif: 'lo',
    uidrange: { start: 100, end: 200 }, ipproto: 6, sport: { start: 10, end: 20 }, dport: { start: 80, end: 80 }, table: '100',
    suppressPrefixlength: 8, suppressIfgroup: 5, action: 'lookup', protocol: 'static',
  } as unknown as Rule);
  t.like(rules.find((r) => r.priority === 50)!, { not: true, from: '1.2.3.4', action: 'goto', goto: 100 });
  t.like(rules.find((r) => r.priority === 16)!, { action: 'goto', goto: 200, unresolved: true });
  t.like(rules.find((r) => r.priority === 63)!, { action: 'nat', from: '5.6.7.8', table: 'main' });
  t.like(rules.find((r) => r.priority === 64)!, { flow: { from: 3, to: 4 }, table: '5' });
  t.like(rules.find((r) => r.priority === 65)!, { l3mdev: true, action: 'lookup' });
  t.like(rules.find((r) => r.priority === 61)!, { action: 'prohibit' });
  t.like(rules.find((r) => r.priority === 17)!, { table: '70000' });
});

test('golden getrule6-dump: IPv6 rules, host destinations without a length', (t) => {
  const fx = fixture('getrule6-dump');
  const [req] = messages(fx, 'send', RTM_GETRULE);
  t.is(req!.payload[0], 10);
  const replies = messages(fx, 'recv', RTM_NEWRULE);
  for (const m of replies) t.is(hex(encodeRuleMessage(m.header.type, m.header.flags, decodeRuleMessage(m.payload))), hex(bytesOf(m)));
  const r = replies.map((m) => toRule(decodeRuleMessage(m.payload))).find((x) => x.priority === 200)!;
  t.like(r, { family: 'inet6', not: true, from: '2001:db8::/32', to: '2001:db8:1::1', fwmark: 3, table: '1000' });
});

test('request building: iproute2\'s defaults and header fields', (t) => {
  t.like(buildRuleRequest(false, { priority: 5 }).header, { family: 2, table: 254, action: FR_ACT_TO_TBL });
  t.like(buildRuleRequest(true, { priority: 5 }).header, { table: 0, action: FR_ACT_UNSPEC });
  t.like(buildRuleRequest(false, { action: 'blackhole' }).header, { table: 0, action: 6 });
  t.like(buildRuleRequest(false, { l3mdev: true }), { header: { table: 0 }, attrs: { l3mdev: 1 } });
  t.like(buildRuleRequest(false, { table: 'local' }).header, { table: 255 });
  t.deepEqual(buildRuleRequest(false, { table: 70000 }), { header: { family: 2, dstLen: 0, srcLen: 0, tos: 0, table: 0, action: 1, flags: 0 }, attrs: { table: 70000 } });
  t.like(buildRuleRequest(false, { to: '2001:db8::1' }).header, { family: 10, dstLen: 128 });
  t.like(buildRuleRequest(false, { family: 'inet6', from: 'default' }), { attrs: { src: '::' } });
  t.like(buildRuleRequest(false, { from: 'default' }), { attrs: { src: '' } });
  // The last action word wins, as in ip.
  t.like(buildRuleRequest(false, { goto: 5, action: 'nop' }), { header: { action: 3 }, attrs: { goto: 5 } });
  t.like(buildRuleRequest(false, { action: 'nop', goto: 5 }).header, { action: FR_ACT_GOTO });
  t.like(buildRuleRequest(false, { tunId: 7n }).attrs, { tunId: 7n });
  const w = encodeRuleMessage(RTM_NEWRULE, 0, buildRuleRequest(false, { tunId: 7n }));
  t.is(hex(w.subarray(28 + 4, 28 + 12)), '0000000000000007', 'FRA_TUN_ID goes out in network order');
});

test('request building: bad input is a typed error', (t) => {
  const bad = (spec: unknown): void => { t.throws(() => buildRuleRequest(false, spec as RuleSpec), { instanceOf: InvalidArgumentError }, JSON.stringify(spec)); };
  bad({ priority: -1 });
  bad({ priority: 2 ** 32 });
  bad({ tos: 256 });
  bad({ table: 'nosuch' });
  bad({ from: '10.0.0.0/33' });
  bad({ family: 'inet6', from: '10.0.0.0/8' });
  bad({ family: 'inet', to: '2001:db8::/32' });
  bad({ iif: 'a/b' });
  bad({ oif: 'x'.repeat(16) });
  bad({ iif: 'a\0b' });
  bad({ sport: 70000 });
  bad({ dport: { start: 1 } });
  bad({ uidrange: 5 });
  bad({ nat: '2001:db8::1' });
  bad({ action: 'frob' });
  bad({ suppressPrefixlength: -1 });
  bad({ l3mdev: true, table: 5 });
  bad({ tunId: 5 });
  bad({ not: 'yes' });
  t.throws(() => buildRuleRequest(false, { prio: 5 } as unknown as RuleSpec), { instanceOf: UnknownOptionError, message: /"prio"/ });
  t.notThrows(() => buildRuleRequest(false, { l3mdev: true, table: 0 }));
});

test('the show filter: iproute2\'s selectors', (t) => {
  const rules = messages(fixture('getrule-dump'), 'recv', RTM_NEWRULE).map((m) => toRule(decodeRuleMessage(m.payload)));
  const pick = (f: Parameters<typeof ruleMatcher>[0]): number[] => rules.filter(ruleMatcher(f)).map((r) => r.priority);
  t.deepEqual(pick({ priority: 100 }), [100]);
  t.deepEqual(pick({ not: true }), [50]);
  t.deepEqual(pick({ from: '10.0.0.0/8' }), [100]);
  t.deepEqual(pick({ from: '10.0.0.0/7' }), [100]);
  t.deepEqual(pick({ from: '10.0.0.0/4' }), [50, 63, 100]);
  t.deepEqual(pick({ from: '10.0.0.0/9' }), []);
  t.deepEqual(pick({ to: '192.168.0.0/16' }), [100]);
  t.deepEqual(pick({ table: 'main' }), [63, 32766]);
  t.deepEqual(pick({ table: 70000 }), [17]);
  t.deepEqual(pick({ fwmark: 5, fwmask: 0xff }), [100]);
  t.deepEqual(pick({ iif: 'lo' }), [100]);
  t.deepEqual(pick({ l3mdev: true }), [65]);
  t.deepEqual(pick({ sport: { start: 10, end: 20 } }), [100]);
  t.deepEqual(pick({ dport: 80 }), [100]);
  t.deepEqual(pick({ uidrange: { start: 100, end: 200 } }), [100]);
  t.deepEqual(pick({ ipproto: 6 }), [100]);
  t.deepEqual(pick({ tos: 0x10 }), [100]);
  t.deepEqual(pick({ protocol: 'static' }), [100]);
  t.deepEqual(pick({ family: 'inet6' }), []);
  t.throws(() => ruleMatcher({ table: 'nosuch' }), { instanceOf: InvalidArgumentError });
});

test('RuleService sends what `ip rule` sends; bad input never reaches the kernel', async (t) => {
  const { ctx, sent } = stubContext();
  const svc = new RuleService(ctx);
  const [m] = messages(fixture('delrule'), 'send', RTM_DELRULE);
  await svc.del({ fwmark: 1, table: 100 });
  const want = bytesOf(m!);
  new DataView(want.buffer).setUint16(6, 0, true);
  t.is(hex(sent[0]!.bytes), hex(want));
  await svc.add({ priority: 5, table: 'main' });
  t.is(new DataView(sent[1]!.bytes.buffer).getUint16(6, true), NLM_F_CREATE | NLM_F_EXCL);
  await svc.list({ family: 'inet6' });
  t.is(hex(sent[2]!.bytes.subarray(16)), '0a0000000000000000000000');
  const n = sent.length;
  await t.throwsAsync(svc.add({ priority: -1 }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(svc.del({ table: 'x' }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(svc.list({ from: 'junk' }), { instanceOf: InvalidArgumentError });
  t.is(sent.length, n);
});

test('property: random bytes decode or throw DecodeError, nothing else', (t) => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 96 }), (b) => onlyDecodeError(() => toRule(decodeRuleMessage(b)))), { numRuns: 5000 });
  t.pass();
});

test('property: well-formed attributes decode to DecodeError or a value that re-encodes stably', (t) => {
  const tlv = fc.record({ type: fc.integer({ min: 0, max: 32 }), data: fc.uint8Array({ maxLength: 20 }) });
  fc.assert(fc.property(fc.constantFrom(2, 10, 128), fc.array(tlv, { maxLength: 8 }), (family, attrs) => {
    const w = new AttrWriter();
    w.skip(12);
    w.dv.setUint8(0, family);
    for (const a of attrs) w.bytes(a.type, a.data);
    let msg: RuleMessage;
    try {
      msg = decodeRuleMessage(w.finish());
      toRule(msg);
    } catch (e) {
      if (e instanceof DecodeError) return true;
      throw e;
    }
    const again = decodeRuleMessage(encodeRuleMessage(RTM_NEWRULE, 0, msg).subarray(16));
    return JSON.stringify(plain(again)) === JSON.stringify(plain(msg));
  }), { numRuns: 3000 });
  t.pass();
});
