// Ink 6 has no window-size hook: follow the output stream's 'resize' events ourselves.
import { useEffect } from 'react';

export interface SizeSource {
  readonly columns?: number;
  readonly rows?: number;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

/** Calls onResize with the new size after every resize of `source`. */
export function useTerminalSize(source: SizeSource | undefined, onResize: (columns: number, rows: number) => void): void {
  useEffect(() => {
    if (!source) return;
    const handler = (): void => onResize(source.columns ?? 80, source.rows ?? 24);
    source.on('resize', handler);
    return () => {
      source.off('resize', handler);
    };
  }, [source, onResize]);
}
