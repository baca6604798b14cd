import { defineConfig } from 'vitest/config';

// Restrict to test/: the default glob would also pick up the as-pect specs in assembly/__tests__.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
});
