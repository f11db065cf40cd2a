import type { Highs } from 'highs';
import type { HighsModelArrays } from './highs.ts';

export function runArrays(
  highs: Highs,
  a: HighsModelArrays,
  o: { timeLimitSeconds?: number; relax?: boolean; mipRelGap?: number; start?: Float64Array },
): { status: string; objective: number | null; bound: number | null; colValue: Float64Array | null; ms: number };
