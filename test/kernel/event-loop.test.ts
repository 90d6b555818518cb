// The event loop keeps turning beside loops of awaited requests: rtnetlink answers inside
// sendmsg, so without yielding a timer would not fire until the loop ends (issue 22).
import test from 'ava';
import { IpRoute } from '../../src/index.js';
import { lateness, onTime } from '../unit/_lateness.js';
import { assertSandboxed, freshNetns } from './_util.js';

test.before(() => assertSandboxed());

test('a 10 ms timer fires on time beside 3,000 awaited link.get(lo)', async (t) => {
  await using ip = await IpRoute.open();
  const r = await lateness(async () => { for (let i = 0; i < 3000; i++) await ip.link.get('lo'); });
  onTime(t, '3,000 link.get(lo)', r);
});

test('a 10 ms timer fires on time beside 1,000 veth adds, and a monitor keeps up', async (t) => {
  const ns = freshNetns('evl');
  try {
    await using ip = await IpRoute.open({ netns: ns.name });
    // A monitor in the same process with a small buffer: it overflows if starved.
    const events = ip.monitor(['link'], { rcvbuf: 256 * 1024 });
    let seen = 0;
    let lost = 0;
    const reading = (async () => {
      for await (const e of events) {
        if (e.type === 'lost') lost++;
        else if (e.type === 'link' && e.action === 'new' && e.link.ifname === 'ye999') break;
        else seen++;
      }
    })();
    const r = await lateness(async () => {
      for (let i = 0; i < 1000; i++) await ip.link.add({ name: `ye${i}`, type: 'veth', peer: { name: `yf${i}` } }, { echo: false });
    });
    await reading;
    t.log(`monitor: ${seen} events, ${lost} losses`);
    onTime(t, '1,000 veth adds', r);
    t.is(lost, 0);
  } finally {
    ns.del();
  }
});
