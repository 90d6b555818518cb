// -batch lines end at a NUL byte, as ip reads them (C strings): no NUL reaches a name.
import test from 'ava';
import { batchLines } from '../../src/cli/words.js';

test('a NUL ends the line; what follows it on that line is not read', (t) => {
  t.deepEqual(batchLines('link set v0\0junk mtu 1400\nlink show\n'), [
    { line: 1, text: 'link set v0' }, { line: 2, text: 'link show' },
  ]);
  t.deepEqual(batchLines('link set v0 mtu 1300\0junk\n'), [{ line: 1, text: 'link set v0 mtu 1300' }]);
});

test('a backslash after a NUL does not continue the line; one before it on the next line is cut', (t) => {
  t.deepEqual(batchLines('link set v0\0 \\\nmtu 1400\n'), [{ line: 1, text: 'link set v0' }, { line: 2, text: 'mtu 1400' }]);
  t.deepEqual(batchLines('link set v0 \\\nmtu 1400\0x\n'), [{ line: 2, text: 'link set v0 mtu 1400' }]);
});
