// `?`: every binding, grouped by where it works, generated from the same keymap the keys go through.
import { Box, Text } from 'ink';
import { keyLabel, type Keymap, type Scope } from '../keymap.js';

const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere',
  layers: 'Layers pane',
  tree: 'File tree pane',
  image: 'Image pane',
  viewer: 'File viewer',
  history: 'File history',
};

export function helpLines(keymap: Keymap): string[] {
  const lines: string[] = [];
  for (const scope of Object.keys(SCOPE_TITLES) as Scope[]) {
    const bindings = keymap.filter((b) => b.scope === scope);
    if (bindings.length === 0) continue;
    lines.push(`${SCOPE_TITLES[scope]}:`);
    for (const b of bindings) {
      const keys = b.keys.length > 0 ? b.keys.map(keyLabel).join(', ') : '(unbound)';
      lines.push(`  ${keys.padEnd(9)} ${b.help}`);
    }
  }
  lines.push('', 'Rebind keys under "keybinding:" in', '~/.config/layerscope/config.yaml');
  return lines;
}

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
