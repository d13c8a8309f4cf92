// The diff explorer's left column: both layer lists, the selected layer's details (and whether the
// other image has it), and the comparison's numbers.
import { Box } from 'ink';
import { useMemo } from 'react';
import type { ImageDiff, ImageModel } from '../../core/index.js';
import { layerDetailLines } from '../../presentation/index.js';
import { diffLayerPositions, layerAt, type DiffLayerRow } from '../../presentation/diff/index.js';
import { LayerDetailsPane } from '../components/details-panes.js';
import type { Layout } from '../layout.js';
import type { ExplorerState } from '../state.js';
import type { Theme } from '../theme.js';
import { ComparisonPane, DiffLayersPane } from './diff-panes.js';

export interface DiffLeftColumnProps {
  readonly diff: ImageDiff;
  readonly a: ImageModel;
  readonly b: ImageModel;
  readonly rows: readonly DiffLayerRow[];
  readonly summary: readonly string[];
  readonly state: Pick<ExplorerState, 'selectedLayer' | 'pane' | 'imageTop'>;
  readonly layout: Layout;
  readonly theme: Theme;
}

export function DiffLeftColumn({ diff, a, b, rows, summary, state, layout, theme }: DiffLeftColumnProps) {
  const positions = useMemo(() => diffLayerPositions(rows), [rows]);
  const selected = layerAt(state.selectedLayer, a.layers.length);
  const image = selected.side === 'a' ? a : b;
  const shared = (selected.side === 'a' ? diff.layers.sharedInA : diff.layers.sharedInB)[selected.index] === true;
  const details = useMemo(() => layerDetailLines(image, selected.index), [image, selected.index]);
  const other = selected.side === 'a' ? 'B' : 'A';
  return (
    <Box flexDirection="column" width={layout.leftWidth}>
      <DiffLayersPane
        rows={rows}
        selectedRow={positions[state.selectedLayer] ?? 0}
        title={`Layers: A ${a.layers.length}, B ${b.layers.length}, ${diff.layers.shared} shared (=)`}
        focused={state.pane === 'layers'}
        height={layout.layersHeight}
        width={layout.leftWidth}
        compact={layout.compact}
        theme={theme}
      />
      <LayerDetailsPane
        title={theme.ui(
          `${selected.side.toUpperCase()} layer ${selected.index + 1} of ${image.layers.length} · ${shared ? 'also' : 'not'} in ${other}`,
        )}
        lines={details}
        height={layout.detailsHeight}
        width={layout.leftWidth}
        theme={theme}
      />
      <ComparisonPane
        lines={summary}
        top={state.imageTop}
        focused={state.pane === 'image'}
        height={layout.imageHeight}
        width={layout.leftWidth}
        theme={theme}
      />
    </Box>
  );
}
