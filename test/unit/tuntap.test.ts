/**
 * TUN/TAP without privilege: the struct ifreq TUNSETIFF takes, the ifr_flags `ip tuntap` builds
 * from its words, the IFLA_TUN_* codec both ways (bytes laid out as Linux 6.1's tun_fill_info
 * writes them for `ip tuntap add dev tp0 mode tap user nobody group nogroup multi_queue
 * vnet_hdr`; written by hand from that function), and the checks that refuse a spec before
 * /dev/net/tun is opened.
 */
import test from 'ava';
import { checkAdd, tuntapFlags } from '../../src/api/tuntap.js';
import { InvalidArgumentError, UnknownOptionError } from '../../src/api/errors.js';
import { AttrWriter } from '../../src/netlink/index.js';
import {
  encodeIfreq, ifreqName, IFF_MULTI_QUEUE, IFF_NO_PI, IFF_ONE_QUEUE, IFF_TAP, IFF_TUN, IFF_TUN_EXCL, IFF_VNET_HDR, IFREQ_SIZE, tunTable,
} from '../../src/rtnl/link/index.js';
import { toHex } from './_fixtures.js';

test('struct ifreq: a 16-byte name, ifr_flags a little-endian short at offset 16, 40 bytes in all', (t) => {
  const b = encodeIfreq('tap0', IFF_TAP | IFF_NO_PI);
  t.is(b.length, IFREQ_SIZE);
  t.is(toHex(b.subarray(0, 18)), '746170300000000000000000000000000210');
  t.is(ifreqName(b), 'tap0');
  t.is(ifreqName(encodeIfreq('', IFF_TUN)), '');
  t.throws(() => encodeIfreq('0123456789abcdef', IFF_TUN), { instanceOf: RangeError });
});

test('ifr_flags as iptuntap.c builds them: IFF_NO_PI unless pi, IFF_TUN_EXCL on add', (t) => {
  t.is(tuntapFlags({ mode: 'tap' }), IFF_TAP | IFF_NO_PI);
  t.is(tuntapFlags({ mode: 'tun', pi: true, oneQueue: true, vnetHdr: true, multiQueue: true }), IFF_TUN | IFF_ONE_QUEUE | IFF_VNET_HDR | IFF_MULTI_QUEUE);
  t.deepEqual(checkAdd({ mode: 'tap', name: 'tp0', user: 0, group: 0 }), { name: 'tp0', flags: IFF_TAP | IFF_NO_PI | IFF_TUN_EXCL, uid: 0, gid: 0 });
  t.deepEqual(checkAdd({ mode: 'tun' }), { name: '', flags: IFF_TUN | IFF_NO_PI | IFF_TUN_EXCL });
});

test('bad specs are refused before anything is opened', (t) => {
  t.throws(() => checkAdd({ name: 'x' } as never), { instanceOf: InvalidArgumentError, message: /mode/ });
  t.throws(() => checkAdd({ mode: 'foo' as 'tun' }), { instanceOf: InvalidArgumentError });
  t.throws(() => checkAdd({ mode: 'tap', mtu: 5 } as never), { instanceOf: UnknownOptionError });
  t.throws(() => checkAdd({ mode: 'tap', user: -1 }), { instanceOf: InvalidArgumentError });
  t.throws(() => checkAdd({ mode: 'tap', user: 0xffffffff }), { instanceOf: InvalidArgumentError });
  t.throws(() => checkAdd({ mode: 'tap', name: 'a/b' }), { instanceOf: InvalidArgumentError });
  t.throws(() => checkAdd({ mode: 'tap', pi: 'yes' as never }), { instanceOf: InvalidArgumentError });
});

// IFLA_TUN_* of a multi-queue tap owned by 65534:65534, in tun_fill_info's order
const TUN_DATA = '08000100feff0000' + '08000200feff0000' + '0500030002000000' + '0500040000000000' + '0500050001000000'
  + '0500060001000000' + '0500070001000000' + '0800080000000000' + '0800090000000000';

test('IFLA_TUN_*: decoded typed, encoded back to the same bytes', (t) => {
  const bytes = Uint8Array.from(Buffer.from(TUN_DATA, 'hex'));
  const d = tunTable.decode(bytes);
  t.deepEqual(d, { owner: 65534, group: 65534, type: IFF_TAP, pi: 0, vnetHdr: 1, persist: 1, multiQueue: 1, numQueues: 0, numDisabledQueues: 0 });
  const w = new AttrWriter();
  tunTable.encode(w, d);
  t.is(toHex(w.finish()), TUN_DATA);
});
