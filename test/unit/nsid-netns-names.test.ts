import test from 'ava';
import * as fc from 'fast-check';
import * as path from 'node:path';
import { InvalidArgumentError, NoSuchNetnsError } from '../../src/api/errors.js';
import { NETNS_RUN_DIR, isMountedNetns, netnsPath, openTarget, validateNetnsName } from '../../src/api/netns.js';

const unsafe = ['', '.', '..', '/', 'a/b', '../etc', '../../root', 'x/', '/abs', 'a\0b', '\0', 'é'.repeat(128), 'x'.repeat(256)];

test('every unsafe name is rejected with InvalidArgumentError before anything is touched', (t) => {
  for (const name of unsafe) {
    t.throws(() => validateNetnsName(name), { instanceOf: InvalidArgumentError }, JSON.stringify(name));
    t.throws(() => netnsPath(name), { instanceOf: InvalidArgumentError });
    t.throws(() => openTarget(name), { instanceOf: InvalidArgumentError });
  }
  t.throws(() => validateNetnsName(undefined as unknown as string), { instanceOf: InvalidArgumentError });
});

test('names up to 255 bytes that are not . or .. and hold no / or NUL are accepted', (t) => {
  for (const name of ['ns0', '.hidden', '...', 'a b', 'x'.repeat(255), 'é'.repeat(127), '-n']) {
    t.notThrows(() => validateNetnsName(name));
    t.is(netnsPath(name), `${NETNS_RUN_DIR}/${name}`);
  }
});

test('property: an accepted name never leaves /run/netns', (t) => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (name) => {
    let p: string;
    try {
      p = netnsPath(name);
    } catch (e) {
      if (!(e instanceof InvalidArgumentError)) throw e;
      return;
    }
    t.is(path.dirname(path.normalize(p)), NETNS_RUN_DIR);
    t.is(path.basename(p), name);
  }), { numRuns: 3000 });
});

test('openTarget of a missing namespace is NoSuchNetnsError in iproute2 words', (t) => {
  const name = `rtnl-ts-absent-${process.pid}-${Date.now()}`;
  const e = t.throws(() => openTarget(name), { instanceOf: NoSuchNetnsError });
  t.is(e!.message, `Cannot open network namespace "${name}": No such file or directory`);
  t.is(e!.code, 'ENOENT');
  t.false(isMountedNetns(`${NETNS_RUN_DIR}/${name}`));
});
