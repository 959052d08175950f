/**
 * `npm run test:e2e`: a real n8n (provisioned into ~/.cache by globalSetup) with the packed package,
 * against the vendor sandbox. Not part of `npm test`. One file at a time: each starts its own n8n.
 */
module.exports = {
	displayName: 'e2e',
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }] },
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
	globalSetup: '<rootDir>/test/harness/globalSetup.ts',
	globalTeardown: '<rootDir>/test/harness/globalTeardown.ts',
	maxWorkers: 1,
	// A server a failed test left running must fail CI, not keep it waiting until its time limit.
	forceExit: true,
	testTimeout: 10 * 60_000,
	slowTestThreshold: 120,
};
