// What every image source takes and reports. Sources never touch process.*: the CLI passes the
// platform, environment and progress sink in.

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export interface ReadProgress {
  /** Bytes of the archive (or export stream) consumed so far. */
  readonly bytesRead: number;
  /** Expected total, when the source knows it (file size, daemon's image size). */
  readonly bytesTotal?: number;
  readonly layersDone: number;
  readonly layersTotal?: number;
}

export interface ReadOptions {
  /** The name to give the image (what the user typed), when the archive's tags should not decide. */
  readonly name?: string;
  /** Which manifest of a multi-platform index to read. Default: the host's (the CLI fills it in). */
  readonly platform?: Platform;
  readonly onProgress?: (progress: ReadProgress) => void;
  /** Expected size of the stream, for progress. */
  readonly totalBytes?: number;
  /** Ordered DiffIDs when known in advance (daemon inspect): lets a reader order layers before the manifest. */
  readonly knownDiffIds?: readonly string[];
  readonly signal?: AbortSignal;
  /** Scan every layer's text files for secrets during the read (ImageModel.secrets). */
  readonly scanSecrets?: boolean;
}

/** 'linux/arm64/v8' → Platform; undefined when malformed. */
export function parsePlatform(text: string): Platform | undefined {
  const [os, architecture, variant, ...rest] = text.split('/');
  if (!os || !architecture || rest.length > 0 || variant === '') return undefined;
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
