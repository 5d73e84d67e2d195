// The linter runs inside `npm test`: zero warnings, and no import cycle in source/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import {importX} from 'eslint-plugin-import-x';
import {createTypeScriptImportResolver} from 'eslint-import-resolver-typescript';

export default tseslint.config(
	{ignores: ['dist/**', 'coverage/**', 'node_modules/**']},
	js.configs.recommended,
	...tseslint.configs.recommended,
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
		rules: {'import-x/no-cycle': 'error'},
	},
	{
		files: ['**/*.{js,mjs}'],
		languageOptions: {globals: {process: 'readonly', console: 'readonly', setTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly'}},
	},
);
