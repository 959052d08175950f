/** Unit and integration tests run in `npm test`; e2e tests (a real n8n) run in `npm run test:e2e`. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }];

const project = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
	setupFiles: ['<rootDir>/test/support/jestSetup.ts'],
	...extra,
});

module.exports = {
	projects: [project('unit'), project('integration')],
};
