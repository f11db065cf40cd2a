import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CASES, GOLDEN_FILE, type GoldenRun, runCase } from './golden/engine-cases.ts';

// The engine's answers, bounds, multipliers, counters and log, recorded before runEngine was
// split into its phases (golden/record-engine-golden.ts), must come out bit for bit.
const golden: GoldenRun[] = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8'));

describe('the engine reproduces its recorded output under a simulated clock', () => {
  it('has one recording per case', () => expect(golden.map((g) => g.name)).toEqual(CASES.map((c) => c.name)));
  for (const c of CASES)
    it(c.name, () => {
      const want = golden.find((g) => g.name === c.name);
      expect(runCase(c)).toEqual(want);
    });
});
