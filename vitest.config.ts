import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Fault and store tests spawn processes and write real files: give them room on slow machines.
    testTimeout: 30_000,
  },
});
