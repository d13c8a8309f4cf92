// Colour and glyph choices in one place. Without colour (NO_COLOR, --no-color) nothing is coloured;
// the tree adds a +/~/- column instead so diff kinds stay readable.
import type { DiffKind } from '../core/index.js';

export interface Theme {
  readonly color: boolean;
  readonly ascii: boolean;
  /** Ink colour name for a diff kind, or undefined for the terminal's default. */
  diffColor(kind: DiffKind): string | undefined;
  readonly accent: string | undefined;
  /** What must not be missed (secrets found); bold as well, so it stands out without colour too. */
  readonly alert: string | undefined;
  readonly glyphs: { readonly selected: string; readonly inRange: string; readonly focus: string; readonly ellipsis: string };
  /** The UI's own text (titles, messages) as this theme draws it: ASCII keeps to ASCII ('...', '|'). */
  ui(text: string): string;
}

const asciiText = (text: string): string => text.replace(/…/g, '...').replace(/ · /g, ' | ');

const DIFF_COLORS: Record<DiffKind, string | undefined> = {
  added: 'green',
  modified: 'yellow',
  removed: 'red',
  unchanged: undefined,
};

export function makeTheme(color: boolean, ascii: boolean): Theme {
  return {
    color,
    ascii,
    diffColor: (kind) => (color ? DIFF_COLORS[kind] : undefined),
    accent: color ? 'cyan' : undefined,
    alert: color ? 'red' : undefined,
    glyphs: ascii
      ? { selected: '*', inRange: '|', focus: '>', ellipsis: '...' }
      : { selected: '●', inRange: '│', focus: '▶', ellipsis: '…' },
    ui: ascii ? asciiText : (text) => text,
  };
}

/** ASCII guides unless the locale says UTF-8 (LC_ALL, then LC_CTYPE, then LANG, as setlocale reads them). */
export function localeIsUtf8(env: Readonly<Record<string, string | undefined>>): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}
