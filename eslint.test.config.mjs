// Lighter rules for test code and the product tools in scripts/ (npm start, the sandbox CLI, the
// screenshots): they may use process, timers, node:http and the file system, which n8n forbids in
// node code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist', '.tsbuild', 'node_modules'] },
	{
		files: ['test/**/*.ts', 'scripts/**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
);
