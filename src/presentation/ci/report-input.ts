// What every CI report renders: the image, its analysis and the rule results.
import type { CiResult } from '../../core/ci/evaluate.js';
import type { ImageModel } from '../../core/model.js';
import type { ImageAnalysis } from '../../core/tree-types.js';

export interface CiReportInput {
  readonly image: ImageModel;
  readonly analysis: ImageAnalysis;
  readonly result: CiResult;
}

/** Text and Markdown list this many inefficient files; JSON and JUnit list them all. */
export const LISTED_FILES = 50;
