// Pure renderers of a CI result, one per --ci-format.
import type { CiReportInput } from './report-input.js';
import { renderCiJson } from './json-report.js';
import { renderCiJunit } from './junit-report.js';
import { renderCiMarkdown } from './markdown-report.js';
import { renderCiText } from './text-report.js';

export type CiFormat = 'text' | 'json' | 'junit' | 'markdown';
export const CI_FORMATS: readonly CiFormat[] = ['text', 'json', 'junit', 'markdown'];

export function renderCiReport(format: CiFormat, input: CiReportInput, options: { color: boolean }): string {
  switch (format) {
    case 'text':
      return renderCiText(input, options);
    case 'json':
      return renderCiJson(input);
    case 'junit':
      return renderCiJunit(input);
    case 'markdown':
      return renderCiMarkdown(input);
  }
}

export type { CiReportInput } from './report-input.js';
export { CI_JSON_SCHEMA_VERSION, ciJson } from './json-report.js';
