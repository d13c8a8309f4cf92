// File history, full screen: every layer that touched the path; Enter shows that layer in the tree.
import { Box, Text } from 'ink';
import { escapeName, FILE_HISTORY_HEADER } from '../../presentation/index.js';
import { Row } from '../components/row.js';
import type { Theme } from '../theme.js';

export interface HistoryPaneProps {
  readonly name: string;
  readonly rows: readonly string[];
  readonly cursor: number;
  readonly height: number;
  readonly width: number;
  readonly theme: Theme;
}

export function HistoryPane({ name, rows, cursor, height, width, theme }: HistoryPaneProps) {
  const page = Math.max(1, height - 2);
  // The cursor on the last row of the page once it has gone past it.
  const first = Math.max(0, Math.min(cursor - page + 1, rows.length - page));
  const shown = rows.slice(first, first + page);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate-end" bold inverse>
        {theme.ui(`History: ${escapeName(name)} · ${rows.length} change${rows.length === 1 ? '' : 's'}`).padEnd(width)}
      </Text>
      <Row text={FILE_HISTORY_HEADER} dim />
      {rows.length === 0 ? <Row text="No layer wrote this path." dim /> : null}
      {shown.map((text, at) => (
        <Row key={first + at} text={theme.color ? text : `${first + at === cursor ? '>' : ' '}${text}`} inverse={first + at === cursor} />
      ))}
    </Box>
  );
}
