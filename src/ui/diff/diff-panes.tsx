// The diff explorer's left column: both images' layers in one list (shared layers marked '=' and
// dimmed, the parting point a line of its own), and the comparison's numbers.
import { Box } from 'ink';
import { formatBytes, sizeBar } from '../../presentation/index.js';
import type { DiffLayerRow } from '../../presentation/diff/index.js';
import { Row, Title } from '../components/row.js';
import type { Theme } from '../theme.js';

export interface DiffLayersPaneProps {
  readonly rows: readonly DiffLayerRow[];
  /** Row of the selected layer. */
  readonly selectedRow: number;
  readonly title: string;
  readonly focused: boolean;
  readonly height: number;
  readonly width: number;
  readonly compact: boolean;
  readonly theme: Theme;
}

function rowText(row: DiffLayerRow, selected: boolean, props: DiffLayersPaneProps, maxBytes: number): string {
  if (row.kind !== 'layer') return row.kind === 'part' ? `  ${props.theme.ascii ? '--' : '┄┄'} ${row.text}` : row.text;
  const mark = `${selected ? props.theme.glyphs.selected : ' '}${row.shared ? '=' : ' '}`;
  const index = String(row.index + 1).padStart(3);
  const size = formatBytes(row.sizeBytes).padStart(6);
  if (props.compact) return `${mark}${index} ${size}`;
  return `${mark}${index} ${size} ${sizeBar(row.sizeBytes, maxBytes, 4, props.theme.ascii)}  ${row.command}`;
}

export function DiffLayersPane(props: DiffLayersPaneProps) {
  const { rows, selectedRow, title, focused, height, width, theme } = props;
  const page = Math.max(1, height - 1);
  const top = Math.max(0, Math.min(selectedRow - Math.floor(page / 2), rows.length - page));
  const maxBytes = rows.reduce((max, r) => (r.kind === 'layer' ? Math.max(max, r.sizeBytes) : max), 0);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Title text={title} focused={focused} focusGlyph={theme.glyphs.focus} />
      {rows.slice(top, top + page).map((row, at) => {
        const selected = top + at === selectedRow;
        return (
          <Row
            key={top + at}
            text={rowText(row, selected, props, maxBytes)}
            inverse={selected && focused}
            bold={selected || row.kind === 'heading'}
            dim={(row.kind === 'layer' && row.shared && !selected) || row.kind === 'part'}
            color={selected ? theme.accent : undefined}
          />
        );
      })}
    </Box>
  );
}

export interface ComparisonPaneProps {
  readonly lines: readonly string[];
  readonly top: number;
  readonly focused: boolean;
  readonly height: number;
  readonly width: number;
  readonly theme: Theme;
}

export function ComparisonPane({ lines, top, focused, height, width, theme }: ComparisonPaneProps) {
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Title text={`Comparison (A ${theme.ascii ? '->' : '→'} B)`} focused={focused} focusGlyph={theme.glyphs.focus} />
      {lines.slice(top, top + Math.max(0, height - 1)).map((line, at) => (
        <Row key={top + at} text={line} />
      ))}
    </Box>
  );
}
