// What the CLI is given by bin/layerscope.js: the only way commands reach argv, env and the streams.
export interface CliIo {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /**
   * The file descriptor behind `stdout`, when a short answer may be written to it directly: Node makes
   * its stdout stream (and loads the stream modules) on first use, a twentieth of `--version`'s time.
   */
  readonly stdoutFd?: number;
}
