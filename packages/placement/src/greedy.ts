/**
 * Baseline for the bench: households in decreasing order of their best score, each placed in
 * its highest-scoring allowed municipality that still has room (quota-blind).
 */
import { compile, modelObjective } from './model.ts';
import type { Instance } from './types.ts';

export function greedyBaseline(inst: Instance): { objective: number; assigned: number; ms: number } {
  const t0 = performance.now();
  const model = compile(inst);
  const { n, R, start, cm, cs, cap, needC, needH, UP } = model;
  const best = new Float64Array(n).fill(-Infinity);
  for (let h = 0; h < n; h++) for (let p = start[h]; p < start[h + 1]; p++) if (cs[p] > best[h]) best[h] = cs[p];
  const order = Array.from({ length: n }, (_, h) => h).sort((a, b) => best[b] - best[a]);
  const load = new Float64Array(model.m * R);
  const xPos = new Int32Array(n).fill(-1);
  let assigned = 0;
  for (const h of order) {
    let bp = -1;
    let bv = -UP;
    for (let p = start[h]; p < start[h + 1]; p++) {
      if (cs[p] <= bv) continue;
      const j = cm[p];
      let ok = true;
      for (let k = 0; k < R; k++)
        if (load[j * R + k] + (needC ? needC[p * R + k] : needH[h * R + k]) > cap[j * R + k] + 1e-9) {
          ok = false;
          break;
        }
      if (ok) {
        bv = cs[p];
        bp = p;
      }
    }
    if (bp >= 0) {
      const j = cm[bp];
      for (let k = 0; k < R; k++) load[j * R + k] += needC ? needC[bp * R + k] : needH[h * R + k];
      xPos[h] = bp;
      assigned++;
    }
  }
  return { objective: modelObjective(model, xPos), assigned, ms: performance.now() - t0 };
}
