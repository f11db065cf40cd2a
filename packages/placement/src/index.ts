/** @localpact/placement — placement of households into municipalities. */
export type * from './types.ts';
export { solve, usesExactMip, type SolveHooks } from './solve.ts';
export { check } from './check.ts';
export { validateInstance, InstanceValidationError } from './validate.ts';
export { generateInstance, generateAssignmentInstance, rng, type GeneratorOptions } from './generator.ts';
export { parseGap, gapToInstance, type GapProblem } from './gap.ts';
export { placementCli, PLACEMENT_HELP } from './cli.ts';
export { solveWithHighs, buildHighsModel, loadHighs, type HighsRunOptions, type HighsRunResult } from './highs.ts';
export { greedyBaseline } from './greedy.ts';
