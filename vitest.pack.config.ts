// The packaging check (`npm run test:pack`): `npm pack`, `npm i -g` into an empty prefix, run the demo.
// Apart from `npm test` because the install takes 15-45 s on a loaded 2-core machine; .ci/run runs both
// and counts both.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/pack/**/*.pack-test.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
