// `?`: every binding, grouped by where it works, generated from the same keymap the keys go through.
import { Box, Text } from 'ink';
import type { Keymap } from '../keymap.js';
import { helpLines } from '../help-lines.js';

export function HelpOverlay({ keymap, height, width }: { keymap: Keymap; height: number; width: number }) {
  const lines = helpLines(keymap);
  // Two columns when one does not fit.
  const perColumn = Math.max(1, height - 2);
  const columns: string[][] = [];
  for (let at = 0; at < lines.length; at += perColumn) columns.push(lines.slice(at, at + perColumn));
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      <Text bold inverse wrap="truncate-end">
        {' Keys (? or Esc to close) '.padEnd(width)}
      </Text>
      <Box flexDirection="row">
        {columns.map((col, at) => (
          <Box key={at} flexDirection="column" width={Math.floor(width / columns.length)} overflow="hidden">
            {col.map((line, row) => (
              <Text key={row} wrap="truncate-end">
                {line}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
