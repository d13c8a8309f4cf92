// One self-overwriting status line on stderr while an image is read — only on a terminal, so logs and
// CI output stay clean.
import type { ReadProgress } from '../io/read-options.js';
import { escapeName } from '../presentation/escape-name.js';
import { formatBytes } from '../presentation/format-bytes.js';

export interface ProgressLine {
  readonly update: (p: ReadProgress) => void;
  /** Erase the line (before the explorer draws, or before results are printed). */
  readonly done: () => void;
}

function status(p: ReadProgress): string {
  // Before the first byte a daemon writes the whole image out (seconds for a large one): say so, not "0 B".
  if (p.waitingFor !== undefined && p.bytesRead === 0) {
    return `waiting for ${p.waitingFor} to export ${p.bytesTotal ? formatBytes(p.bytesTotal) : 'it'}`;
  }
  const bytes = p.bytesTotal ? `${formatBytes(p.bytesRead)} of ${formatBytes(p.bytesTotal)}` : formatBytes(p.bytesRead);
  const layers = p.layersTotal ? `${p.layersDone}/${p.layersTotal} layers` : `${p.layersDone} layer${p.layersDone === 1 ? '' : 's'}`;
  return `${bytes}, ${layers}`;
}

/** `label` names the image; escaped like every name, as it may be one the user copied from a hostile list. */
export function progressLine(stream: NodeJS.WriteStream, label: string): ProgressLine {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  const name = escapeName(label);
  let shown = false;
  const update = (p: ReadProgress) => {
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    stream.write(`\r\x1b[2K${`reading ${name}: ${status(p)}`.slice(0, width)}`);
    shown = true;
  };
  const done = () => {
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  return { update, done };
}
