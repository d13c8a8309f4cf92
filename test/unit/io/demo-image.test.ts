// The demo image is made by our writer and read by our reader: it must show every case it promises.
import { describe, expect, it } from 'vitest';
import { DEMO_IMAGE_NAME, demoImageSpec, openDemoImage } from '../../../src/io/demo-image.js';
import { entriesOf } from './archive-helpers.js';

describe('demo image', () => {
  it('reads back with the layers, history and cases it promises', async () => {
    const model = await openDemoImage();
    expect(model.name).toBe(DEMO_IMAGE_NAME);
    expect(model.layers).toHaveLength(demoImageSpec().layers.length);
    expect(model.layers.length).toBeGreaterThanOrEqual(6);
    expect(model.warnings).toEqual([]);
    const all = model.layers.flatMap((_, i) => entriesOf(model, i).map((e) => ({ ...e, layer: i })));
    expect(all.length).toBeGreaterThan(200);
    const kinds = new Set(all.map((e) => e.kind));
    for (const kind of ['file', 'dir', 'symlink', 'hardlink', 'whiteout', 'opaque']) expect(kinds).toContain(kind);
    // a big file written then deleted, a file written three times, a symlink retargeted
    expect(all.filter((e) => e.path === 'var/cache/apk/APKINDEX.tar.gz').map((e) => e.kind)).toEqual(['file', 'whiteout']);
    expect(all.filter((e) => e.path === 'app/config/default.json')).toHaveLength(3);
    expect(all.filter((e) => e.path === 'app/current').map((e) => e.linkTarget)).toEqual(['dist/bundle.js', 'dist/bundle.min.js']);
    expect(model.history.filter((h) => h.layerIndex === undefined).length).toBeGreaterThanOrEqual(2);
    expect(model.layers.every((l) => l.command !== '' && l.created)).toBe(true);
    const hardlink = model.layers[6]!.entries.find((e) => e.kind === 'hardlink')!;
    expect(hardlink.hash).toBeDefined();
  });
});
