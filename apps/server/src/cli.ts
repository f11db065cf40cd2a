// The `localpact` command. Each sub-command prints its own --help.
import { parseArgs } from 'node:util';
import { loadConfig } from './platform/config.ts';
import { boot, prepareDatabase, progressPrinter } from './platform/boot.ts';
import { openDatabase } from './platform/database.ts';
import { migrate } from './platform/migrate.ts';
import { loadDemo, demoUsers, DEMO_PASSWORD } from './platform/demo.ts';
import { importTerritories } from './modules/territories/importer.ts';
import { createUser } from './modules/accounts/service.ts';
import { roles } from './modules/accounts/roles.ts';
import type { Actor } from './platform/access.ts';
import { negotiate, translate } from './platform/i18n.ts';

const help: Record<string, string> = {
  main: `localpact — reception and inclusion between local, regional, national and EU levels

Usage: localpact <command> [options]

Commands:
  serve                 run the API and web UI (embedded database unless DATABASE_URL is set)
  migrate               apply database migrations
  demo                  reset the demo organisations and accounts (deletes all organisations and users)
  user add              create a user account
  territories import    (re)import the vendored territory tree
  retention             anonymise pathway cases closed longer than RETENTION_DAYS (730) ago
  placement solve|check solve or verify a placement instance (JSON)

Environment: PORT (3000), HOST (127.0.0.1), DATA_DIR (.localpact/data), DATABASE_URL, DEMO, RETENTION_DAYS (730).
Run "localpact <command> --help" for the options of each command.`,
  serve: `localpact serve — run the API (/api, docs at /api/docs) and the web UI on one port

On the embedded database (PGlite in DATA_DIR), the first start creates and migrates the database,
imports the territories and loads the demo data. With DATABASE_URL the demo data is loaded only
when DEMO=true.

Options:
  --port N     overrides PORT
  --host H     overrides HOST
  --no-demo    never load demo data`,
  migrate: `localpact migrate — apply pending database migrations and print the version`,
  demo: `localpact demo --yes — delete all organisations, users and sessions and load the demo data again
(territories and the audit log are kept; the reset is itself audited)`,
  'user add': `localpact user add --email E --name N --role R --organisation ORG_ID [--password P]

Roles: ${roles.join(', ')}
The password is read from LOCALPACT_PASSWORD when --password is not given (keeps it out of shell history).`,
  retention: `localpact retention [--days N] [--dry-run] — anonymise every pathway case closed more than N days ago
(default RETENTION_DAYS, 730): names and identifiers removed, date of birth coarsened to the year, free
text deleted; statistics kept. \`localpact serve\` also runs it once a day.`,
  'territories import': `localpact territories import [--file data/territories.tsv.gz] [--countries data/countries.tsv]
Imports or updates the territory tree in place, with progress.`,
};

function wantsHelp(args: string[]) { return args.includes('--help') || args.includes('-h'); }

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const config = loadConfig();
  const say = (m: string) => process.stderr.write(m + '\n');
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') { console.log(help.main); return cmd ? 0 : 1; }

  if (cmd === 'serve') {
    if (wantsHelp(rest)) { console.log(help.serve); return 0; }
    const { values } = parseArgs({ args: rest, options: { port: { type: 'string' }, host: { type: 'string' }, 'no-demo': { type: 'boolean' } } });
    if (values.port) config.port = Number(values.port);
    if (values.host) config.host = values.host;
    const demoEnv = process.env.DEMO;
    const demo = !values['no-demo'] && (demoEnv ? demoEnv === 'true' : !config.databaseUrl);
    const started = Date.now();
    const { webIsStale } = await import('../../../scripts/build-web-if-needed.mjs');
    if (webIsStale()) say('note: the web UI build is missing or older than its sources; run `npm run build:web`.');
    const { app, database } = await boot(config, { demo, logger: true, onProgress: say });
    const address = await app.listen({ port: config.port, host: config.host });
    // Retention runs in process once a day (and on demand: `localpact retention`).
    const { runRetention } = await import('./modules/pathways/service.ts');
    const retain = () => runRetention(database.db, config.retentionDays).then((r) => { if (r.erased) say(`retention: anonymised ${r.erased} closed case(s)`); }, (e) => say(`retention failed: ${e}`));
    setInterval(retain, 24 * 3600_000).unref();
    setTimeout(retain, 60_000).unref();
    const shutdown = async () => { await app.close(); process.exit(0); };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    say(`localpact is running at ${address.replace('127.0.0.1', 'localhost')}  (database: ${database.driver}${database.driver === 'pglite' ? ' in ' + config.dataDir : ''}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    say(`API docs: ${address}/api/docs`);
    if (demo) {
      say(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
      for (const u of demoUsers) say(`  ${u.role.padEnd(22)} ${u.email}`);
    }
    return new Promise<number>(() => {}); // runs until a signal
  }

  if (cmd === 'migrate') {
    if (wantsHelp(rest)) { console.log(help.migrate); return 0; }
    const database = await openDatabase(config);
    try {
      const r = await migrate(database.db);
      console.log(r.applied.length ? `applied: ${r.applied.join(', ')}` : 'nothing to apply');
      console.log(`migration version: ${r.version} (${database.driver})`);
    } finally { await database.close(); }
    return 0;
  }

  if (cmd === 'demo') {
    if (wantsHelp(rest)) { console.log(help.demo); return 0; }
    if (!rest.includes('--yes')) { say('This deletes all organisations, users and sessions. Run again with --yes to proceed.'); return 2; }
    const database = await prepareDatabase(config, { demo: false, onProgress: say });
    try {
      const r = await loadDemo(database.db, { reset: true });
      console.log(`demo data reset: ${r.organisations} organisations, ${r.users} users (password "${DEMO_PASSWORD}")`);
    } finally { await database.close(); }
    return 0;
  }

  if (cmd === 'user' && rest[0] === 'add') {
    if (wantsHelp(rest)) { console.log(help['user add']); return 0; }
    const { values } = parseArgs({ args: rest.slice(1), options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, organisation: { type: 'string' }, password: { type: 'string' } } });
    const password = values.password ?? process.env.LOCALPACT_PASSWORD;
    const missing = ['email', 'name', 'role', 'organisation'].filter((k) => !(values as Record<string, unknown>)[k]);
    if (missing.length || !password) { say(`missing: ${[...missing, ...(password ? [] : ['password'])].join(', ')}\n\n${help['user add']}`); return 2; }
    if (!(roles as readonly string[]).includes(values.role!)) { say(`unknown role "${values.role}"; one of: ${roles.join(', ')}`); return 2; }
    if (password.length < 12) { say('the password must have at least 12 characters'); return 2; }
    const database = await prepareDatabase(config, { demo: false, onProgress: say });
    try {
      // The command line acts as the platform administrator of this installation.
      const cliActor: Actor = { id: '00000000-0000-0000-0000-000000000000', email: 'cli@localhost', role: 'platform_admin', organisationId: values.organisation!, organisationKind: 'eu_body', territoryCode: 'EU', territoryPath: 'EU/', rights: ['users.manage'], locale: null, ip: null };
      const u = await createUser(database.db, cliActor, { email: values.email!, displayName: values.name!, role: values.role as never, organisationId: values.organisation!, password });
      console.log(`created ${u.email} (${u.role}) in ${u.organisation.name}: ${u.id}`);
    } catch (e) {
      // Field errors in the terminal's language (LC_ALL, LC_MESSAGES or LANG), named by their option.
      const err = e as { fieldErrors?: Array<{ path: string; key: string; params?: Record<string, unknown> }>; code?: string; message: string };
      const locale = negotiate((process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '').split('.')[0].replace('_', '-'));
      const option: Record<string, string> = { 'body.email': '--email', 'body.displayName': '--name', 'body.role': '--role', 'body.organisationId': '--organisation', 'body.password': '--password' };
      say(`could not create the user: ${err.fieldErrors?.map((f) => `${option[f.path] ?? f.path} ${translate(locale, f.key, f.params)}`).join('; ') || err.code || err.message}`);
      return 1;
    } finally { await database.close(); }
    return 0;
  }

  if (cmd === 'territories' && rest[0] === 'import') {
    if (wantsHelp(rest)) { console.log(help['territories import']); return 0; }
    const { values } = parseArgs({ args: rest.slice(1), options: { file: { type: 'string' }, countries: { type: 'string' } } });
    const database = await openDatabase(config);
    try {
      await migrate(database.db);
      const t0 = Date.now();
      const r = await importTerritories(database.db, { territoriesPath: values.file, countriesPath: values.countries, onProgress: progressPrinter(say) });
      console.log(`imported ${r.territories.toLocaleString('en')} territories and ${r.countries} countries in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } finally { await database.close(); }
    return 0;
  }

  if (cmd === 'retention') {
    if (wantsHelp(rest)) { console.log(help.retention); return 0; }
    const { values } = parseArgs({ args: rest, options: { days: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
    const days = values.days !== undefined ? Number(values.days) : config.retentionDays;
    if (!Number.isInteger(days) || days < 0) { say('--days must be a non-negative integer'); return 2; }
    const database = await prepareDatabase(config, { demo: false, onProgress: say });
    try {
      const { runRetention } = await import('./modules/pathways/service.ts');
      const r = await runRetention(database.db, days, { dryRun: values['dry-run'] });
      console.log(values['dry-run'] ? `${r.due} closed case(s) older than ${days} days would be anonymised` : `anonymised ${r.erased} closed case(s) older than ${days} days`);
    } finally { await database.close(); }
    return 0;
  }

  if (cmd === 'placement') {
    const { placementCli } = await import('@localpact/placement/cli');
    return placementCli(rest);
  }

  say(`unknown command "${argv.join(' ')}"\n`);
  console.log(help.main);
  return 2;
}
