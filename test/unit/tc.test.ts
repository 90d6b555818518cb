/**
 * Traffic control without a kernel: tc's units and handles; the request each captured `tc` line
 * sent (test/fixtures/tc/requests.json), rebuilt from the same words by the CLI's word readers,
 * the API's drivers and the rtnl codecs; captured dumps decoded, re-encoded to the same bytes, and
 * printed by rtnl-ts as tc printed them; decoders that meet garbage throw only DecodeError.
 */
import { readFileSync } from 'node:fs';
import test from 'ava';
import fc from 'fast-check';
import { decodeMessages, NLM_F_MULTI, type NlMessage } from '../../src/netlink/index.js';
import { decodeLinkMessage, toLink } from '../../src/rtnl/link/index.js';
import {
  BUILTIN_TC_KINDS, decodeActionMessage, decodeTcMessage, encodeTcMessage, formatClassid, formatQdiscHandle, parseClassid,
  parseQdiscHandle, qdiscOptions, RTM_NEWQDISC, RTM_NEWTCLASS, TcKindRegistry, toQdisc, toTcClass, type TcMessage,
} from '../../src/rtnl/tc/index.js';
import { parsePercent, parseRate, parseRate64, parseSize, parseTime, parseTime64, strtod } from '../../src/api/tc/units.js';
import { calcRtable, emptyRateSpec, parsePsched, xmitsize, xmittime } from '../../src/api/tc/core.js';
import { parseDistribution } from '../../src/api/tc/dist.js';
import { QdiscService } from '../../src/api/tc/qdisc.js';
import { ClassService } from '../../src/api/tc/klass.js';
import { parseQdiscWords, printQdisc } from '../../src/cli/tc/qdisc.js';
import { parseClassWords, printClass } from '../../src/cli/tc/class.js';
import { sprintRate, sprintSize, sprintTime, sprintTime64 } from '../../src/cli/tc/units.js';
import type { TcPrintEnv } from '../../src/cli/tc/context.js';
import { NameCache } from '../../src/cli/names.js';
import { Printer } from '../../src/cli/printer.js';
import { Words } from '../../src/cli/words.js';
import type { ApiContext } from '../../src/api/context.js';
import { fromHex, loadCapture, onlyDecodeError, toHex, type Capture } from './_fixtures.js';

test('tc units are read as tc reads them (strtod, suffixes, C casts)', (t) => {
  t.is(parseRate64('1mbit'), 125000n);
  t.is(parseRate64('1Mbit'), 125000n, 'suffixes ignore case');
  t.is(parseRate64('10MBps'), 10000000n);
  t.is(parseRate64('1Kibit'), 128n);
  t.is(parseRate64('8'), 1n, 'a bare number is bits per second');
  t.is(parseRate64('-1'), 0n, 'tc casts -0.125 to 0: "rate -1" is then a missing rate');
  t.is(parseRate64('1xbit'), undefined);
  t.is(parseRate('100gbit'), undefined, '32 bits overflow');
  t.is(parseSize('32kb'), 32768);
  t.is(parseSize('1.5k'), 1536);
  t.is(parseSize('1mbit'), 131072);
  t.is(parseSize('1b'), 1);
  t.is(parseSize('5q'), undefined);
  t.is(parseTime('100ms'), 100000);
  t.is(parseTime('1.5s'), 1500000);
  t.is(parseTime('250'), 250);
  t.is(parseTime('1parsec'), undefined);
  t.is(parseTime64('10us'), 10000n);
  t.is(parsePercent('1%'), 0.01);
  t.is(parsePercent('101%'), 'range');
  t.is(parsePercent('1x'), undefined);
  t.deepEqual(strtod('0x10kb'), { value: 16, rest: 'kb' });
  t.deepEqual(strtod('1e3ms'), { value: 1000, rest: 'ms' });
});

test('tc units are printed as tc prints them', (t) => {
  t.is(sprintRate(125000), '1Mbit');
  t.is(sprintRate(1), '8bit');
  t.is(sprintRate(12500000000n), '100Gbit');
  t.is(sprintRate(125000, true), '1000000bit', 'not whole Kibits under 1000 of them: bits');
  t.is(sprintRate(1000000, true), '7812Kibit');
  t.is(sprintSize(32768), '32Kb');
  t.is(sprintSize(1037500), '1037500b');
  t.is(sprintSize(1048576), '1Mb');
  t.is(sprintSize(100), '100b');
  t.is(sprintTime(50000), '50ms');
  t.is(sprintTime(755), '755us');
  t.is(sprintTime(1500000), '1.5s');
  t.is(sprintTime64(10000n), '10us');
  t.is(sprintTime64(5n), '5ns');
});

test('handles: tc\'s text both ways', (t) => {
  t.is(parseQdiscHandle('1:'), 0x10000);
  t.is(parseQdiscHandle('ffff'), 0xffff0000);
  t.is(parseQdiscHandle('1:5'), 0x10000, 'tc ignores what follows the colon');
  t.is(parseQdiscHandle('10000:'), undefined);
  t.is(parseQdiscHandle('x:'), undefined);
  t.is(parseClassid('1:10'), 0x10010);
  t.is(parseClassid(':5'), 5);
  t.is(parseClassid('root'), 0xffffffff);
  t.is(parseClassid('none'), 0);
  t.is(parseClassid('1:2:3'), undefined);
  t.is(parseClassid('10'), 0x10);
  t.is(formatClassid(0x10010), '1:10');
  t.is(formatClassid(0xffff0000), 'ffff:');
  t.is(formatClassid(0xfffffff1), 'ffff:fff1');
  t.is(formatClassid(5), ':5');
  t.is(formatClassid(0xffffffff), 'root');
  t.is(formatQdiscHandle(0), '0:');
});

test('the psched clock and tc\'s rate arithmetic', (t) => {
  const p = parsePsched('000003e8 00000040 000f4240 3b9aca00')!;
  t.deepEqual(p, { tickInUsec: 15.625, clockFactor: 1, hz: 1000000000 });
  t.is(xmittime(p, 125000, 32768), 4096000);
  t.is(xmitsize(p, 125000n, 4096000), 32768);
  const r = emptyRateSpec();
  const tab = calcRtable(p, r, 125000, -1, 0, 1);
  t.is(tab.length, 1024);
  t.deepEqual(r, { cellLog: 3, linklayer: 1, overhead: 0, cellAlign: -1, mpu: 0, rate: 0 });
});

test('a .dist file is read as get_distribution reads it', (t) => {
  const b = parseDistribution('# comment\n1 -2 0x10\n\n010 3\n', 'x.dist');
  t.deepEqual(Array.from(new Int16Array(b.buffer)), [1, -2, 16, 8, 3]);
  t.throws(() => parseDistribution('# nothing\n', 'y.dist'), { message: /no distribution data/ });
});

const REQ = loadCapture('tc/requests.json') as Capture & { psched: string; commands: string[] };

/** The request bytes with seq and pid zeroed. */
function masked(b: Uint8Array): string {
  const c = b.slice();
  c.fill(0, 8, 16);
  return toHex(c);
}

const api = { tcKinds: BUILTIN_TC_KINDS } as unknown as ApiContext;
const FLAGS: Record<string, number> = { add: 0x600, change: 0, replace: 0x500, del: 0 };

for (const [i, command] of REQ.commands.entries()) {
  const hex = REQ.datagrams[i]!.hex;
  test(`the same request as tc: ${command}`, (t) => {
    const here = parsePsched(REQ.psched);
    // The drivers read this machine's clock; the capture's must be the same for the bytes to be.
    const mine = parsePsched(readFileSync('/proc/net/psched', 'utf8'));
    t.deepEqual(mine, here, 'this machine\'s /proc/net/psched differs from the capture\'s: recapture the fixture');
    const want = fromHex(hex);
    const ifindex = new DataView(want.buffer).getInt32(20, true);
    const [, obj, verb, ...rest] = command.split(' ');
    const words = new Words(rest);
    const err = (): void => {};
    let bytes: Uint8Array;
    const type = new DataView(want.buffer).getUint16(4, true);
    if (obj === 'qdisc') {
      const { spec } = parseQdiscWords(words, { err });
      const { msg } = new QdiscService(api).build(verb === 'del' ? 'change' : verb as 'add', { ...spec, dev: ifindex });
      msg.header.ifindex = ifindex;
      if (verb === 'del') delete msg.attrs.options;
      bytes = encodeTcMessage(type, FLAGS[verb!]! | 0x05, msg);
    } else {
      const { spec } = parseClassWords(words, { err });
      const { msg } = new ClassService(api).build(verb as 'add', { ...spec, dev: ifindex });
      msg.header.ifindex = ifindex;
      bytes = encodeTcMessage(type, FLAGS[verb!]! | 0x05, msg);
    }
    t.is(masked(bytes), masked(want));
  });
}

/** The replies of a dump fixture, and the device names its link dump gave. */
function dumped(fx: Capture, type: number): { msgs: NlMessage[]; names: NameCache } {
  const names = new NameCache();
  const msgs: NlMessage[] = [];
  for (const d of fx.datagrams) {
    if (d.dir !== 'recv') continue;
    for (const m of decodeMessages(fromHex(d.hex))) {
      if (m.header.type === 16 && m.header.flags & NLM_F_MULTI) {
        const l = toLink(decodeLinkMessage(m.payload));
        names.remember(l.ifindex, l.ifname, l.ifiFlags);
      } else if (m.header.type === type) {
        msgs.push(m);
      }
    }
  }
  return { msgs, names };
}

function env(fx: Capture & { psched?: string }, names: NameCache, o: Partial<TcPrintEnv> = {}): TcPrintEnv {
  return { details: 1, stats: 1, raw: 0, iec: false, brief: false, pretty: false, psched: parsePsched(fx.psched!)!, names, ...o };
}

test('a qdisc dump decodes, re-encodes to the kernel\'s bytes, and prints as tc -s -d printed it', (t) => {
  const fx = loadCapture('tc/dump-qdisc.json') as Capture & { stdout: string; psched: string };
  const { msgs, names } = dumped(fx, RTM_NEWQDISC);
  t.true(msgs.length >= 8);
  const p = new Printer({ json: false, pretty: false, oneline: false });
  for (const m of msgs) {
    const msg = decodeTcMessage(m.header.type, m.payload);
    t.is(toHex(encodeTcMessage(m.header.type, m.header.flags, msg).subarray(16)), toHex(m.payload), `round trip of ${msg.attrs.kind}`);
    printQdisc(p, toQdisc(msg), env(fx, names), names, true, BUILTIN_TC_KINDS);
  }
  t.is(p.take(), fx.stdout);
});

test('the same dump as JSON: tc -j -s -d', (t) => {
  const fx = loadCapture('tc/dump-qdisc-json.json') as Capture & { stdout: string; psched: string };
  const { msgs, names } = dumped(fx, RTM_NEWQDISC);
  const p = new Printer({ json: true, pretty: false, oneline: false });
  p.begin();
  for (const m of msgs) printQdisc(p, toQdisc(decodeTcMessage(m.header.type, m.payload)), env(fx, names), names, true, BUILTIN_TC_KINDS);
  p.end();
  t.is(p.take(), fx.stdout);
  const tbf = msgs.map((m) => toQdisc(decodeTcMessage(m.header.type, m.payload))).find((q) => q.kind === 'tbf')!;
  t.is(qdiscOptions(tbf, 'tbf')!.parms!.rate.rate, 1000000);
});

test('a class dump: htb classes with xstats, printed as tc -s -d class show printed them', (t) => {
  const fx = loadCapture('tc/dump-class.json') as Capture & { stdout: string; psched: string };
  const { msgs, names } = dumped(fx, RTM_NEWTCLASS);
  const p = new Printer({ json: false, pretty: false, oneline: false });
  for (const m of msgs) {
    const msg = decodeTcMessage(m.header.type, m.payload);
    t.is(toHex(encodeTcMessage(m.header.type, m.header.flags, msg).subarray(16)), toHex(m.payload));
    printClass(p, toTcClass(msg), env(fx, names), names, false, 0);
  }
  t.is(p.take(), fx.stdout);
});

test('unknown kinds and attributes are kept raw and re-emitted', (t) => {
  const fx = loadCapture('tc/dump-qdisc.json');
  const { msgs } = dumped(fx, RTM_NEWQDISC);
  const empty = new TcKindRegistry({ builtins: false });
  for (const m of msgs) {
    const msg: TcMessage = decodeTcMessage(m.header.type, m.payload, empty);
    if (msg.attrs.options !== undefined) t.true(msg.attrs.options instanceof Uint8Array);
    t.is(toHex(encodeTcMessage(m.header.type, m.header.flags, msg, empty).subarray(16)), toHex(m.payload));
  }
});

test('decoders meet garbage with DecodeError only, and keep working', (t) => {
  const fx = loadCapture('tc/dump-qdisc.json');
  const payloads = [...dumped(fx, RTM_NEWQDISC).msgs, ...dumped(loadCapture('tc/dump-class.json'), RTM_NEWTCLASS).msgs].map((m) => m.payload);
  fc.assert(fc.property(fc.integer({ min: 0, max: payloads.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
    fc.integer({ min: 0, max: 4 }), (i, edits, cut) => {
      const b = payloads[i]!.slice(0, payloads[i]!.length - cut);
      for (const [at, v] of edits) if (b.length) b[at % b.length] = v;
      return onlyDecodeError(() => {
        toQdisc(decodeTcMessage(RTM_NEWQDISC, b));
        toTcClass(decodeTcMessage(RTM_NEWTCLASS, b));
        decodeActionMessage(b);
      });
    }), { numRuns: 3000 });
  t.is(toQdisc(decodeTcMessage(RTM_NEWQDISC, payloads[0]!)).kind.length > 0, true);
});
