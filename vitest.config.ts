import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// e2e and integration tests start servers and terminals; 2 cores here.
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks',
		maxWorkers: 2,
		// Ink renders nothing until exit when it thinks it runs in CI (is-in-ci); CI sets CI=true.
		env: {FORCE_COLOR: '0', CI: 'false', CONTINUOUS_INTEGRATION: 'false'},
	},
});
