// Hand-made analyses for CI tests: the gate depends only on the ImageAnalysis shape, so tests state
// the numbers they are about instead of building images that happen to produce them.
import type { DiveNumbers, HonestWaste, ImageAnalysis, InefficientFile } from '../../../src/core/tree-types.js';
import { buildModel } from '../../helpers/model-builder.js';
import type { ImageModel } from '../../../src/core/model.js';

export interface AnalysisSpec extends Partial<Omit<DiveNumbers, 'inefficientFiles'>> {
  inefficientFiles?: InefficientFile[];
  waste?: Partial<Omit<HonestWaste, 'perLayer'>>;
}

export function analysisOf(spec: AnalysisSpec = {}): ImageAnalysis {
  const { waste = {}, ...dive } = spec;
  return {
    dive: {
      efficiency: 1,
      wastedBytes: 0,
      sizeBytes: 10_000,
      userSizeBytes: 5_000,
      userWastedPercent: 0,
      inefficientFiles: [],
      ...dive,
    },
    waste: {
      totalBytes: 0,
      overwrittenBytes: 0,
      deletedBytes: 0,
      opaqueHiddenBytes: 0,
      finalVisibleBytes: 10_000,
      finalFileCount: 3,
      perLayer: [],
      ...waste,
    },
  };
}

/** An image with `layers` layers of one small file each. */
export function imageOf(layers = 2, name = 'lsfix/ci:test'): ImageModel {
  return buildModel(
    Array.from({ length: layers }, (_, i) => ({ entries: [{ path: `f${i}`, size: 10 }] })),
    name,
  );
}

/** A failing, wasteful analysis with a few inefficient files, names included that need escaping. */
export function wastefulAnalysis(): ImageAnalysis {
  return analysisOf({
    efficiency: 0.5,
    wastedBytes: 3_500_000,
    sizeBytes: 10_000_000,
    userSizeBytes: 8_000_000,
    userWastedPercent: 0.4375,
    inefficientFiles: [
      { path: 'var/cache/apt/pkgcache.bin', count: 2, sizeBytes: 3_000_000 },
      { path: 'etc/a|b<c>&"d\'', count: 3, sizeBytes: 400_000 },
      { path: 'bad\udcffname\u0007', count: 2, sizeBytes: 100_000 },
    ],
    waste: { totalBytes: 2_000_000, overwrittenBytes: 1_500_000, deletedBytes: 400_000, opaqueHiddenBytes: 100_000 },
  });
}
