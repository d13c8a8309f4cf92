// A one-file image for the viewer's search tests: `f`, 100 lines, "needle" on lines 30, 60 and 90.
import { buildModel } from '../../../helpers/model-builder.js';
import { fakeSource } from '../fake-trees.js';
import { KEYS, renderExplorer } from '../harness.js';
import { memoryReader } from './fake-content.js';

/** The viewer's first text row (row 0 is its title). */
export const second = (f: string): string => f.split('\n')[1] ?? '';

/** The explorer on that image, the tree focused, its cursor on f. */
export async function hundredLines(): Promise<ReturnType<typeof renderExplorer>> {
  const text = Array.from({ length: 100 }, (_, i) => `line ${i + 1}${i % 30 === 29 ? ' needle' : ''}\n`).join('');
  const image = buildModel([{ command: 'COPY f /', entries: [{ path: 'f', size: text.length }] }]);
  const f0 = image.paths.find('f')!;
  const r = renderExplorer({
    image,
    trees: fakeSource(image.paths, () => [{ path: 'f', size: text.length }]),
    content: memoryReader({ [`0:${f0}`]: text }),
  });
  await r.waitForFrame((f) => f.includes('▶ Layers'));
  await r.press(KEYS.tab, (f) => f.includes('▶ Layer contents'));
  return r;
}
