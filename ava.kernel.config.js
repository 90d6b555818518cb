// Kernel tests: root, inside the sandbox made by scripts/kernel-tests.js. They share the sandbox's
// namespace, so files and tests run one at a time.
export default {
  files: ['dist/test/kernel/**/*.test.js'],
  concurrency: 1,
  serial: true,
  timeout: '5m',
  workerThreads: false,
};
