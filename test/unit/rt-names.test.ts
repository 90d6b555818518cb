/**
 * The CLI's number and name readers of iproute2's databases: strtoul as ip calls it, realms
 * "FROM/TO" or raw, DS field values in hexadecimal, IP protocol numbers, and the built-in table
 * names that hold without any file.
 */
import test from 'ava';
import { dsfieldName, dsfieldNumber, inetProtoName, inetProtoNumber, parseRealms, strtoul, tableName, tableNumber } from '../../src/cli/rt-names.js';

test('strtoul: base 0, white space and sign, negative numbers wrapped, garbage refused', (t) => {
  t.is(strtoul('10'), 10n);
  t.is(strtoul('0x10'), 16n);
  t.is(strtoul('010'), 8n);
  t.is(strtoul(' 7'), 7n);
  t.is(strtoul('-1'), 0xffffffffffffffffn);
  t.is(strtoul('-0'), 0n);
  t.is(strtoul('10', 16), 16n);
  t.is(strtoul('0x', 0), undefined);
  t.is(strtoul('09'), undefined);
  t.is(strtoul('1a'), undefined);
  t.is(strtoul(''), undefined);
  t.is(strtoul('18446744073709551616'), undefined);
});

test('tables: the built-in names, numbers up to 2^32-1', (t) => {
  t.is(tableNumber('main'), 254);
  t.is(tableNumber('local'), 255);
  t.is(tableNumber('70000'), 70000);
  t.is(tableNumber('0x10'), 16);
  t.is(tableNumber('4294967296'), undefined);
  t.is(tableNumber('-1'), undefined);
  t.is(tableName(254), 'main');
  t.is(tableName(70000), '70000');
});

test('realms, DS fields, IP protocols', (t) => {
  t.is(parseRealms('3/4'), (3 << 16) | 4);
  t.is(parseRealms('5'), 5);
  t.is(parseRealms('3/'), 3 << 16);
  t.is(parseRealms('70000'), 70000, 'not a realm: the raw number');
  t.is(parseRealms('/5'), undefined);
  t.is(parseRealms('x'), undefined);
  t.is(dsfieldNumber('10'), 0x10, 'hexadecimal, as rtnl_dsfield_a2n reads it');
  t.is(dsfieldNumber('0x100'), undefined);
  t.is(dsfieldName(0x04), '0x04');
  t.is(inetProtoNumber('250'), 250);
  t.is(inetProtoNumber('256'), undefined);
  t.is(inetProtoName(250), 'ipproto-250');
});
