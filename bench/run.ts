// `npm run bench [-- NAME ...]`: runs the named benchmarks (all when none is named) and prints
// their figures. Each lives in bench/NAME.ts and exports run().
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here).filter((f) => f.endsWith('.ts') && !['run.ts', 'support.ts'].includes(f)).map((f) => f.slice(0, -3)).sort();
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !available.includes(a));
if (unknown.length) { console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`); process.exit(2); }
console.log(`localpact benchmarks — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
for (const name of asked.length ? asked : available) {
  console.log(`\n##### ${name}`);
  const mod = await import(`./${name}.ts`);
  await mod.run();
}
