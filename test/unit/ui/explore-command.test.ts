import { expect, test } from 'vitest';
import { exploreFlags, useColor } from '../../../src/cli/explore/explore-command.js';

test("the explore flags come out of commander's option bag typed, unknown shapes ignored", () => {
  // commander: --no-color makes color false; flags never given are undefined.
  expect(exploreFlags({ color: true })).toEqual({ color: true, ascii: false, lenient: false });
  expect(exploreFlags({ color: false, ascii: true, lenient: true, config: '/k.yaml', json: 'x' })).toEqual({
    color: false,
    ascii: true,
    lenient: true,
    config: '/k.yaml',
  });
  expect(exploreFlags({ config: true, ascii: 'yes' })).toEqual({ color: true, ascii: false, lenient: false });
});

test('colour: off with --no-color, or NO_COLOR set to anything but empty (no-color.org)', () => {
  const on = exploreFlags({ color: true });
  expect(useColor(on, {})).toBe(true);
  expect(useColor(on, { NO_COLOR: '' })).toBe(true);
  expect(useColor(on, { NO_COLOR: '1' })).toBe(false);
  expect(useColor(on, { NO_COLOR: '0' })).toBe(false);
  expect(useColor(exploreFlags({ color: false }), {})).toBe(false);
});
