// The picker's view: only the rows that fit, names escaped (tags come from images), a hint line. In
// ASCII mode (a terminal that is not UTF-8) its own marks, cuts and hints keep to ASCII, as the explorer's do.
import { Box, Text, useApp, useInput } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import { escapeName, formatBytes } from '../../presentation/index.js';
import { makeTheme } from '../theme.js';
import { setTruncationCharacter } from '../truncation.js';
import { displayName, filtered, initialPickerState, reducePicker, type PickerImage, type PickerKey } from './picker-state.js';

export interface PickerProps {
  readonly images: readonly PickerImage[];
  readonly columns: number;
  readonly rows: number;
  readonly ascii: boolean;
  /** The image chosen, or null when the user quit. */
  readonly onDone: (image: PickerImage | null) => void;
}

/** Ink's decoded key to the picker's, or undefined for keys it ignores. */
export function pickerKey(
  input: string,
  key: {
    upArrow: boolean;
    downArrow: boolean;
    pageUp: boolean;
    pageDown: boolean;
    return: boolean;
    escape: boolean;
    backspace: boolean;
    delete: boolean;
    ctrl: boolean;
    meta: boolean;
    home?: boolean;
    end?: boolean;
  },
): PickerKey | undefined {
  if (key.ctrl && input === 'c') return { kind: 'quit' };
  if (key.upArrow) return { kind: 'up' };
  if (key.downArrow) return { kind: 'down' };
  if (key.pageUp) return { kind: 'pageUp' };
  if (key.pageDown) return { kind: 'pageDown' };
  if (key.home) return { kind: 'home' };
  if (key.end) return { kind: 'end' };
  if (key.return) return { kind: 'enter' };
  if (key.escape) return { kind: 'escape' };
  if (key.backspace || key.delete) return { kind: 'backspace' };
  if (key.ctrl || key.meta || input === '') return undefined;
  return { kind: 'text', text: input };
}

const age = (created: string, now: number): string => {
  const s = Math.max(0, (now - Date.parse(created)) / 1000);
  if (!Number.isFinite(s)) return '?';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400 * 2) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} days ago`;
};

export function Picker({ images, columns, rows, ascii, onDone }: PickerProps) {
  const theme = useMemo(() => {
    setTruncationCharacter(ascii); // Ink's cut rows end in '...' too (truncation.ts)
    return makeTheme(false, ascii);
  }, [ascii]);
  const [state, dispatch] = useReducer(reducePicker, undefined, () => initialPickerState(images, rows));
  const app = useApp();
  useInput((input, key) => {
    const k = pickerKey(input, key);
    if (k) dispatch({ type: 'key', key: k });
  });
  useEffect(() => dispatch({ type: 'resize', rows }), [rows]);
  useEffect(() => {
    if (state.outcome === undefined) return;
    onDone(state.outcome);
    app.exit();
  }, [state.outcome, onDone, app]);
  const list = filtered(state);
  const now = Date.now();
  const sizeWidth = 8;
  const ageWidth = columns >= 60 ? 13 : 0;
  const nameWidth = Math.max(10, columns - sizeWidth - ageWidth - 4);
  const visible = list.slice(state.scroll, state.scroll + state.rows);
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Text bold wrap="truncate-end">{`Local images (${list.length} of ${state.images.length})`}</Text>
      <Text wrap="truncate-end">{`Filter: ${escapeName(state.filter)}${state.filter ? '' : ' (type to filter)'}`}</Text>
      <Text
        dimColor
        wrap="truncate-end"
      >{`  ${'IMAGE'.padEnd(nameWidth)} ${'SIZE'.padStart(sizeWidth)}${ageWidth ? ` ${'CREATED'.padStart(ageWidth)}` : ''}`}</Text>
      <Box flexDirection="column" height={state.rows}>
        {visible.length === 0 ? (
          <Text dimColor> no image matches</Text>
        ) : (
          visible.map((image, i) => {
            const selected = state.scroll + i === state.cursor;
            const name = escapeName(displayName(image));
            const { ellipsis, focus } = theme.glyphs;
            const cut = name.length > nameWidth ? `${name.slice(0, nameWidth - ellipsis.length)}${ellipsis}` : name.padEnd(nameWidth);
            const line = `${selected ? focus : ' '} ${cut} ${formatBytes(image.sizeBytes).padStart(sizeWidth)}${ageWidth ? ` ${age(image.created, now).padStart(ageWidth)}` : ''}`;
            return (
              <Text key={`${image.id}:${image.repository}:${image.tag}`} inverse={selected} wrap="truncate-end">
                {line}
              </Text>
            );
          })
        )}
      </Box>
      <Text dimColor wrap="truncate-end">
        {theme.ui(`${ascii ? 'Up/Down' : '↑↓'} move · Enter open · Esc clear/quit · ^C quit`)}
      </Text>
    </Box>
  );
}
