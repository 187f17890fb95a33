/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/slurm needs a running Slurm cluster and root: `npm run test:slurm` (jest.slurm.config.js) runs it.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/slurm/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }],
  },
  testTimeout: 60000,
};
