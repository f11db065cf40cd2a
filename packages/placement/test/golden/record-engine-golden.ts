// Records the engine's golden output: `node --import tsx packages/placement/test/golden/record-engine-golden.ts`.
// Run it only when the engine's behaviour is meant to change, and say why in the commit.
import { writeFileSync } from 'node:fs';
import { CASES, GOLDEN_FILE, runCase } from './engine-cases.ts';

const runs = CASES.map((c) => {
  const t = performance.now();
  const r = runCase(c);
  console.log(
    `${c.name}: objective ${r.objective}, bound ${r.bound}, ${r.iterations} iterations, ${r.clockReads} clock reads (${(performance.now() - t).toFixed(0)} ms)`,
  );
  return r;
});
writeFileSync(GOLDEN_FILE, `${JSON.stringify(runs, null, 1)}\n`);
console.log(`wrote ${GOLDEN_FILE}`);
