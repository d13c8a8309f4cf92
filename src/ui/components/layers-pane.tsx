// Layers pane: every history step in build order; the selected layer and the compared range marked,
// steps that made no layer dimmed. Scrolls to keep the selection near the middle.
import { Box } from 'ink';
import type { CompareMode } from '../../core/index.js';
import { formatBytes, sizeBar, type LayerRow } from '../../presentation/index.js';
import { layerBarCells } from '../layout.js';
import type { Theme } from '../theme.js';
import { Row, Title } from './row.js';

export interface LayersPaneProps {
  readonly rows: readonly LayerRow[];
  readonly selectedRow: number;
  readonly selectedLayer: number;
  readonly compare: CompareMode;
  readonly focused: boolean;
  readonly height: number;
  readonly width: number;
  readonly compact: boolean;
  readonly theme: Theme;
}

/** One row; `cells` of size bar (layerBarCells in layout.ts: 0 drops the bar and its space). Sizes are at most 6 wide. */
function rowText(row: LayerRow, mark: string, compact: boolean, maxBytes: number, ascii: boolean, cells: number): string {
  const gap = cells > 0 ? ' '.repeat(cells + 1) : '';
  if (row.kind === 'empty') return compact ? `     ${row.command}` : `  ${''.padStart(3)} ${''.padStart(6)}${gap}  ${row.command}`;
  const size = formatBytes(row.sizeBytes).padStart(6);
  const index = String(row.layerIndex + 1).padStart(3);
  const bar = cells > 0 ? ` ${sizeBar(row.sizeBytes, maxBytes, cells, ascii)}` : '';
  return compact ? `${mark}${index} ${size}${bar}` : `${mark} ${index} ${size}${bar}  ${row.command}`;
}

export function LayersPane(props: LayersPaneProps) {
  const { rows, selectedRow, selectedLayer, compare, focused, height, width, compact, theme } = props;
  const page = Math.max(1, height - 1);
  const top = Math.max(0, Math.min(selectedRow - Math.floor(page / 2), rows.length - page));
  const layerTotal = rows.filter((r) => r.kind === 'layer').length;
  const maxBytes = rows.reduce((max, r) => (r.kind === 'layer' ? Math.max(max, r.sizeBytes) : max), 0);
  const title = `Layers ${selectedLayer + 1}/${layerTotal}${compare === 'aggregated' ? ' (aggregated)' : ''}`;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Title text={title} focused={focused} focusGlyph={theme.glyphs.focus} />
      {rows.slice(top, top + page).map((row, at) => {
        const isSelected = top + at === selectedRow;
        const inRange = row.kind === 'layer' && compare === 'aggregated' && row.layerIndex < selectedLayer;
        const mark = isSelected ? theme.glyphs.selected : inRange ? theme.glyphs.inRange : ' ';
        return (
          <Row
            key={top + at}
            text={rowText(row, mark, compact, maxBytes, theme.ascii, layerBarCells(width, compact))}
            inverse={isSelected && focused}
            bold={isSelected}
            dim={row.kind === 'empty'}
            color={isSelected || inRange ? theme.accent : undefined}
          />
        );
      })}
    </Box>
  );
}
