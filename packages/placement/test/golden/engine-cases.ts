/**
 * The engine's exact output on fixed instances under a simulated clock, for the golden test
 * (engine-golden.test.ts) and its recorder (record-engine-golden.ts). Every time budget of the
 * engine (subgradient phase, pricing schedule, local search, knapsack, oscillation, annealing
 * temperature) is read on `opts.clock`; a clock that advances a fixed step on every read makes
 * a run a pure function of the instance, the options and the sequence of clock reads, so a
 * change of the engine's arithmetic or of the order of its steps shows as a different answer.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gapToInstance, parseGap } from '../../src/gap.ts';
import { generateInstance } from '../../src/generator.ts';
import { runEngine } from '../../src/lagrangian.ts';
import { compile, type Model } from '../../src/model.ts';
import type { Instance } from '../../src/types.ts';

export const GOLDEN_FILE = fileURLToPath(new URL('./engine-golden.json', import.meta.url));
/** Simulated milliseconds per clock read. */
const STEP = 0.01;

interface Case {
  name: string;
  make: () => Instance;
  /** Simulated time limit (ms). */
  limit: number;
  seed?: number;
  K?: number;
  gapTol?: number;
  /** Resume from the answer of a first run of this case with seed 1 (the solve path's second engine run). */
  resume?: boolean;
}

function gap(file: string, index: number): Instance {
  const text = readFileSync(fileURLToPath(new URL(`../fixtures/orlib/${file}`, import.meta.url)), 'utf8');
  return gapToInstance(parseGap(text)[index]);
}

/** A generator instance whose bed needs differ by municipality (per-candidate needs, needC). */
function perMunicipalityNeeds(): Instance {
  const inst = generateInstance({ households: 60, municipalities: 30, seed: 21 });
  const m = inst.municipalities.length;
  for (const [i, h] of inst.households.entries()) {
    const beds = h.needs.beds;
    if (typeof beds === 'number' && beds > 0) h.needs.beds = Array.from({ length: m }, (_, j) => beds + ((i + j) % 5 === 0 ? 1 : 0));
  }
  return inst;
}

export const CASES: Case[] = [
  // long enough for the improvement rounds (oscillation and annealing) after the knapsack phase
  { name: 'complete lists, quotas, every phase (30 × 8)', make: () => generateInstance({ households: 30, municipalities: 8, seed: 3 }), limit: 80 },
  {
    name: 'pruned lists with pricing, K = 8, every phase (40 × 50)',
    make: () => generateInstance({ households: 40, municipalities: 50, seed: 3 }),
    limit: 80,
    K: 8,
  },
  { name: 'pruned lists with pricing, K = 32 (80 × 60)', make: () => generateInstance({ households: 80, municipalities: 60, seed: 11 }), limit: 10 },
  {
    name: 'capacity shortage, unassigned penalty (50 × 12)',
    make: () => generateInstance({ households: 50, municipalities: 12, seed: 9, capacityFactor: 0.9, unassignedPenalty: 10_000 }),
    limit: 10,
  },
  {
    name: 'no quotas, forbidden pairs (100 × 25)',
    make: () => generateInstance({ households: 100, municipalities: 25, seed: 13, quotas: false, forbiddenRate: 0.3 }),
    limit: 10,
    K: 8,
  },
  { name: 'per-municipality needs (60 × 30)', make: perMunicipalityNeeds, limit: 10, K: 8 },
  { name: 'OR-Library gapd-1 (integral, per-agent needs)', make: () => gap('gapd.txt', 0), limit: 10 },
  { name: 'OR-Library gapc-5 (20 agents), every phase', make: () => gap('gapc.txt', 4), limit: 60, K: 8, seed: 2 },
  {
    name: 'resumed from a first answer (70 × 30)',
    make: () => generateInstance({ households: 70, municipalities: 30, seed: 5 }),
    limit: 8,
    K: 8,
    seed: 4,
    resume: true,
  },
  { name: 'stops at the gap tolerance (60 × 12)', make: () => generateInstance({ households: 60, municipalities: 12, seed: 3 }), limit: 10, gapTol: 5e-3 },
];

export interface GoldenRun {
  name: string;
  objective: number;
  bound: number;
  iterations: number;
  fullEvals: number;
  lsMoves: number;
  clockReads: number;
  /** Candidate position per household (−1 = unassigned). */
  xPos: number[];
  /** SHA-256 of the best multipliers' bytes (λ then μ). */
  multipliers: string;
  log: string[];
}

function simulatedRun(model: Model, c: Case, seed: number, start?: Int32Array): { r: ReturnType<typeof runEngine>; reads: number; log: string[] } {
  let reads = 0;
  const clock = () => ++reads * STEP;
  const log: string[] = [];
  const r = runEngine(model, { deadline: c.limit, gapTol: c.gapTol ?? 1e-6, seed, K: c.K ?? 32, start, log: (s) => log.push(s), clock });
  return { r, reads, log };
}

export function runCase(c: Case): GoldenRun {
  const model = compile(c.make());
  const first = c.resume ? simulatedRun(model, c, 1).r.xPos : undefined;
  const { r, reads, log } = simulatedRun(model, c, c.seed ?? 1, first);
  const hash = createHash('sha256');
  hash.update(new Uint8Array(r.lam.buffer, r.lam.byteOffset, r.lam.byteLength));
  hash.update(new Uint8Array(r.mu.buffer, r.mu.byteOffset, r.mu.byteLength));
  return {
    name: c.name,
    objective: r.objective,
    bound: r.bound,
    iterations: r.iterations,
    fullEvals: r.fullEvals,
    lsMoves: r.lsMoves,
    clockReads: reads,
    xPos: Array.from(r.xPos),
    multipliers: hash.digest('hex'),
    log,
  };
}
