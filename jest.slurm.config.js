/**
 * The Slurm end-to-end tests only (test/slurm/): they need `npm run build` and a running cluster,
 * `bash scripts/slurm-local.sh start`. Run with `npm run test:slurm`.
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/slurm'],
  testPathIgnorePatterns: ['/node_modules/'],
  // Jobs queue behind each other on a small machine; each test waits for its own.
  testTimeout: 300000,
};
