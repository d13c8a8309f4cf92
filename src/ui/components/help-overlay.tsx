// `?`: every binding, grouped by where it works, generated from the same keymap the keys go through.
// Side by side in as many whole-width columns as fit; what does not fit scrolls (help-lines.ts).
import { Box, Text } from 'ink';
import type { Keymap } from '../keymap.js';
import { helpLines, helpPages } from '../help-lines.js';

export function HelpOverlay(props: { keymap: Keymap; height: number; width: number; top: number; ascii: boolean }) {
  const { keymap, height, width, top, ascii } = props;
  const lines = helpLines(keymap, ascii);
  const { columns, perColumn, columnWidth, maxTop } = helpPages(lines, width, height);
  const first = Math.min(top, maxTop);
  const shown = lines.slice(first, first + columns * perColumn);
  const split: string[][] = [];
  for (let at = 0; at < shown.length; at += perColumn) split.push(shown.slice(at, at + perColumn));
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      <Text bold inverse wrap="truncate-end">
        {' Keys (? or Esc to close) '.padEnd(width)}
      </Text>
      <Box flexDirection="row" height={perColumn}>
        {split.map((col, at) => (
          <Box key={at} flexDirection="column" width={columnWidth} overflow="hidden">
            {col.map((line, row) => (
              <Text key={row} wrap="truncate-end">
                {line}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
      {maxTop > 0 ? (
        <Text
          dimColor
          wrap="truncate-end"
        >{`lines ${first + 1}-${first + shown.length} of ${lines.length} (up, down, PgUp, PgDn to scroll)`}</Text>
      ) : null}
    </Box>
  );
}
