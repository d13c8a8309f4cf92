// The image picker: newest first, a filter that takes typed text, keys in one chunk resolved in order,
// names from images escaped, and a 60x20 terminal.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Picker } from '../../../src/ui/picker/picker.js';
import { initialPickerState, reducePicker, type PickerImage, type PickerKey } from '../../../src/ui/picker/picker-state.js';
import { KEYS } from './harness.js';

const image = (repository: string, tag: string, created: string, sizeBytes = 1000): PickerImage => ({
  repository,
  tag,
  id: `sha256:${repository.length}${tag}`.padEnd(71, '0'),
  sizeBytes,
  created,
});

const IMAGES = [
  image('nginx', '1.25', '2026-01-01T00:00:00Z', 190_000_000),
  image('app', 'latest', '2026-11-30T10:00:00Z', 12_500_000),
  image('postgres', '16', '2026-06-01T00:00:00Z', 430_000_000),
  image('app', 'old', '2025-05-01T00:00:00Z', 11_000_000),
];

const keys = (...list: PickerKey[]) => list.reduce((s, key) => reducePicker(s, { type: 'key', key }), initialPickerState(IMAGES, 20));

describe('picker state', () => {
  it('lists newest first and opens the one under the cursor', () => {
    expect(keys({ kind: 'down' }, { kind: 'enter' }).outcome).toMatchObject({ repository: 'postgres', tag: '16' });
  });

  it('filters as you type; Esc clears the filter, then quits', () => {
    const s = keys({ kind: 'text', text: 'ap' }, { kind: 'text', text: 'p:o' }, { kind: 'enter' });
    expect(s.outcome).toMatchObject({ repository: 'app', tag: 'old' });
    expect(keys({ kind: 'text', text: 'zzz' }, { kind: 'enter' }).outcome).toBeUndefined();
    const cleared = keys({ kind: 'text', text: 'x' }, { kind: 'escape' });
    expect([cleared.filter, cleared.outcome]).toEqual(['', undefined]);
    expect(keys({ kind: 'escape' }).outcome).toBeNull();
  });

  it('keys after the choice are not applied to the list', () => {
    expect(keys({ kind: 'enter' }, { kind: 'down' }, { kind: 'enter' }).outcome).toMatchObject({ repository: 'app', tag: 'latest' });
  });

  it('keeps the cursor on screen when it moves past the list rows', () => {
    const many = Array.from({ length: 50 }, (_, i) => image(`img${i}`, 't', `2026-01-01T00:00:${String(59 - i).padStart(2, '0')}Z`));
    let s = initialPickerState(many, 10); // 6 list rows
    for (let i = 0; i < 8; i++) s = reducePicker(s, { type: 'key', key: { kind: 'down' } });
    expect([s.cursor, s.scroll]).toEqual([8, 3]);
    s = reducePicker(s, { type: 'key', key: { kind: 'home' } });
    expect([s.cursor, s.scroll]).toEqual([0, 0]);
  });
});

const frame = async (view: ReturnType<typeof render>, text: string) => {
  for (let i = 0; i < 200 && !view.lastFrame()?.includes(text); i++) await new Promise((r) => setImmediate(r));
  return view.lastFrame() ?? '';
};

describe('picker view', () => {
  it('typed ahead in one chunk: filter, move and open act as typed one by one', async () => {
    let chosen: PickerImage | null | undefined;
    const view = render(
      <Picker
        images={IMAGES}
        columns={60}
        rows={20}
        ascii={false}
        onDone={(i) => {
          chosen = i;
        }}
      />,
    );
    await frame(view, 'Local images (4 of 4)');
    view.stdin.write(`app${KEYS.down}${KEYS.enter}`);
    for (let i = 0; i < 200 && chosen === undefined; i++) await new Promise((r) => setImmediate(r));
    expect(chosen).toMatchObject({ repository: 'app', tag: 'old' });
    view.unmount();
  });

  it('fits 60x20 and escapes names that came from images', async () => {
    const hostile = [image('evil\x1b]0;pwned\x07', 'x', '2026-01-01T00:00:00Z')];
    const view = render(<Picker images={hostile} columns={60} rows={20} ascii={false} onDone={() => {}} />);
    const text = await frame(view, 'evil');
    expect(text).toContain('evil\\x1b]0;pwned\\x07:x');
    // eslint-disable-next-line no-control-regex
    expect(text.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    // eslint-disable-next-line no-control-regex
    for (const line of text.split('\n')) expect(line.replace(/\x1b\[[0-9;]*m/g, '').length).toBeLessThanOrEqual(60);
    view.unmount();
  });
});
