// Runs the gate on an analysed image: evaluate, print, write the report files, return the exit code
// (0 every rule passed, 1 a rule failed). Errors writing a report are LayerscopeErrors (exit 2): a
// CI job that asked for a JUnit file must not pass silently without one.
import { appendFile, writeFile } from 'node:fs/promises';
import { evaluateRules } from '../../core/ci/evaluate.js';
import { LayerscopeError } from '../../core/errors.js';
import type { ImageModel } from '../../core/model.js';
import type { ImageAnalysis } from '../../core/tree-types.js';
import { renderCiReport, type CiReportInput } from '../../presentation/ci/index.js';
import { prepareCi, type PreparedCi } from './prepare.js';

export const EXIT_PASS = 0;
export const EXIT_RULE_FAILED = 1;

export interface RunCiInput {
  readonly image: ImageModel;
  readonly analysis: ImageAnalysis;
  /** From prepareCi, called before the image was read; prepared here when absent. */
  readonly prepared?: PreparedCi;
  readonly opts: Record<string, unknown>;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly stdout: NodeJS.WritableStream;
  readonly isTTY: boolean;
}

/** Colour only for a terminal that has not asked for none (--no-color, NO_COLOR, TERM=dumb). */
export function wantsColor(isTTY: boolean, opts: Record<string, unknown>, env: NodeJS.ProcessEnv): boolean {
  if (!isTTY || opts.color === false || env.TERM === 'dumb') return false;
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}

function writeOut(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => {
      // A closed pipe (`| head`) is the reader's choice, not a failure of the gate.
      if (err && (err as NodeJS.ErrnoException).code !== 'EPIPE') reject(err);
      else resolve();
    });
  });
}

/** Writes (or appends) a report file; a failure is a LayerscopeError naming the file and why (exit 2). */
export async function writeReportFile(path: string, text: string, what: string, append: boolean): Promise<void> {
  try {
    await (append ? appendFile(path, text) : writeFile(path, text));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new LayerscopeError('usage', `cannot write the ${what} to ${path}: ${code}`, 'check that the directory exists and is writable', {
      cause: err,
    });
  }
}

export async function runCi(input: RunCiInput): Promise<number> {
  const prepared = input.prepared ?? (await prepareCi(input.opts, input.env, input.cwd));
  const result = evaluateRules(prepared.settings, input.analysis, input.image, prepared.policy);
  const report: CiReportInput = { image: input.image, analysis: input.analysis, result };
  const color = wantsColor(input.isTTY, input.opts, input.env);

  const stdoutFormat = prepared.reportPath ? 'text' : prepared.format;
  await writeOut(input.stdout, renderCiReport(stdoutFormat, report, { color: stdoutFormat === 'text' && color }));
  if (prepared.reportPath) {
    await writeReportFile(prepared.reportPath, renderCiReport(prepared.format, report, { color: false }), 'CI report', false);
  }
  if (prepared.summaryPath) {
    const markdown = renderCiReport('markdown', report, { color: false });
    await writeReportFile(prepared.summaryPath, `${markdown}\n`, 'GitHub step summary', true);
  }
  return result.pass ? EXIT_PASS : EXIT_RULE_FAILED;
}
