// Full-kernel tests: root inside the User-Mode Linux guest that scripts/full-kernel-tests.js boots
// (Debian's full 6.1 kernel: dummy, vlan, bond, vrf, netem, bridge VLAN filtering, ...). The guest
// has one CPU and its own network, so files run one at a time; each test makes its own namespace.
if (process.env.UML_RUN !== '1') {
  throw new Error('the full-kernel tests run inside User-Mode Linux: npm run test:full (node scripts/full-kernel-tests.js)');
}

export default {
  files: ['dist/test/full/**/*.test.js'],
  concurrency: 1,
  serial: true,
  timeout: '10m',
  workerThreads: false,
};
