// Territories: the EU27, NUTS 2024 regions and LAU municipalities, as reference data. Imported at
// the first start (and by `localpact territories import`); never emptied by the demo reset.
import { parseArgs } from 'node:util';
import type { CapabilityModule } from '../../platform/module.ts';
import { referenceText } from '../../platform/erasure.ts';
import { territoryRoutes } from './routes.ts';
import { importTerritories, progressPrinter, territoryCount } from './importer.ts';

export const territories: CapabilityModule = {
  name: 'territories',
  routes: territoryRoutes,
  freeText: referenceText('territories', 'code', 'country', 'name', 'parent_code', 'path', 'search_name').concat(referenceText('countries', 'code', 'iso3', 'name')),
  async onBoot(db, say) {
    if ((await territoryCount(db)) > 0) return;
    say('importing territories (EU27, NUTS 2024, LAU municipalities)…');
    await importTerritories(db, { onProgress: progressPrinter(say) });
  },
  commands: [{
    name: 'territories import',
    summary: '(re)import the vendored territory tree',
    help: `localpact territories import [--file data/territories.tsv.gz] [--countries data/countries.tsv]
Imports or updates the territory tree in place, with progress.`,
    async run(args, ctx) {
      const { values } = parseArgs({ args, options: { file: { type: 'string' }, countries: { type: 'string' } } });
      const database = await ctx.open();
      try {
        const t0 = Date.now();
        const r = await importTerritories(database.db, { territoriesPath: values.file, countriesPath: values.countries, onProgress: progressPrinter(ctx.say) });
        console.log(`imported ${r.territories.toLocaleString('en')} territories and ${r.countries} countries in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } finally { await database.close(); }
      return 0;
    },
  }],
};
