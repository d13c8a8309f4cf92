// File tree pane: the visible slice of rows only (the caller passes exactly what fits), coloured by
// diff kind, the cursor row inverted, a filter line when filtering.
import { Box, Text } from 'ink';
import type { TreeRow } from '../../presentation/index.js';
import type { Theme } from '../theme.js';
import { Row, Title } from './row.js';

export interface TreePaneProps {
  readonly title: string;
  readonly header: string;
  readonly rows: readonly TreeRow[];
  /** Position of the cursor within `rows`, or -1. */
  readonly cursor: number;
  readonly focused: boolean;
  /** Shown when filtering: the filter text, with a caret while it is being typed. */
  readonly filter: { readonly text: string; readonly editing: boolean } | undefined;
  readonly emptyText: string;
  readonly height: number;
  readonly width: number;
  readonly theme: Theme;
}

export function TreePane({ title, header, rows, cursor, focused, filter, emptyText, height, width, theme }: TreePaneProps) {
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Title text={title} focused={focused} focusGlyph={theme.glyphs.focus} />
      {filter ? (
        <Text wrap="truncate-end" color={theme.accent}>
          {`Filter: ${filter.text}${filter.editing ? '_' : ''}`}
        </Text>
      ) : null}
      <Row text={header} dim />
      {rows.length === 0 ? <Row text={emptyText} dim /> : null}
      {rows.map((row, at) => (
        <Row
          key={row.node}
          text={theme.color ? row.text : `${at === cursor ? '>' : ' '}${row.text}`}
          color={theme.diffColor(row.diff)}
          inverse={at === cursor && focused}
          bold={at === cursor && !focused}
        />
      ))}
    </Box>
  );
}
