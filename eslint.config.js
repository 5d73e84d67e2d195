// The linter runs inside `npm test`: zero warnings, and no import cycle in source/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import {importX} from 'eslint-plugin-import-x';
import {createTypeScriptImportResolver} from 'eslint-import-resolver-typescript';

export default tseslint.config(
	{ignores: ['dist/**', 'dist-bench/**', 'coverage/**', 'node_modules/**']},
	{linterOptions: {reportUnusedDisableDirectives: 'error'}},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		rules: {
			// A terminal program finds and strips control characters on purpose (names, logs, answers, screens).
			'no-control-regex': 'off',
			// `_name` marks a parameter a signature needs but this body does not use.
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
		},
	},
	{
		files: ['**/*.{ts,tsx}'],
		plugins: {'react-hooks': reactHooks},
		rules: {
			...reactHooks.configs.flat.recommended.rules,
		},
	},
	{
		files: ['source/**/*.{ts,tsx}'],
		plugins: {'import-x': importX},
		settings: {
			...importX.flatConfigs.typescript.settings,
			'import-x/resolver-next': [createTypeScriptImportResolver({project: './tsconfig.json'})],
		},
		// Dynamic imports count: a lazy import is still a cycle in the layering.
		rules: {'import-x/no-cycle': ['error', {allowUnsafeDynamicCyclicDependency: false}]},
	},
	{
		// Fake servers and raw-JSON fixtures read answers of any shape on purpose.
		files: ['test/**/*.{ts,tsx}'],
		rules: {'@typescript-eslint/no-explicit-any': 'off'},
	},
	{
		files: ['**/*.{js,mjs}'],
		// Node's globals, for bench/ and scripts/ (plain ESM run by node).
		languageOptions: {
			globals: Object.fromEntries(
				['process', 'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'URL', 'Buffer', 'performance', 'AbortController', 'AbortSignal', 'fetch', 'TextEncoder', 'TextDecoder', 'structuredClone'].map(name => [name, 'readonly']),
			),
		},
	},
);
