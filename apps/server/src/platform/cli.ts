// The `localpact` command: serve, migrate and demo are the platform's; the others come from the
// modules (their manifests' `commands`). Each sub-command prints its own --help.
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { boot, prepareDatabase } from './boot.ts';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { loadDemo, demoSignIns, DEMO_PASSWORD } from './demo.ts';
import { startJobs } from './jobs.ts';
import type { CapabilityModule, CliCommand, CliContext } from './module.ts';

const platformHelp: Record<string, string> = {
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
};

function mainHelp(commands: readonly CliCommand[]): string {
  const rows = [
    ['serve', 'run the API and web UI (embedded database unless DATABASE_URL is set)'],
    ['migrate', 'apply database migrations'],
    ['demo', 'reset the demo organisations and accounts (deletes all organisations and users)'],
    ...commands.map((c) => [c.name === 'placement' ? 'placement solve|check' : c.name, c.summary]),
  ];
  return `localpact — reception and inclusion between local, regional, national and EU levels

Usage: localpact <command> [options]

Commands:
${rows.map(([name, summary]) => `  ${name.padEnd(22)}${summary}`).join('\n')}

Environment: PORT (3000), HOST (127.0.0.1), DATA_DIR (.localpact/data), DATABASE_URL, DEMO, RETENTION_DAYS (730).
Run "localpact <command> --help" for the options of each command.`;
}

function wantsHelp(args: string[]) { return args.includes('--help') || args.includes('-h'); }

export async function runCli(argv: string[], modules: readonly CapabilityModule[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const config = loadConfig();
  const say = (m: string) => process.stderr.write(m + '\n');
  const commands = modules.flatMap((m) => m.commands ?? []);
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') { console.log(mainHelp(commands)); return cmd ? 0 : 1; }

  if (cmd === 'serve') {
    if (wantsHelp(rest)) { console.log(platformHelp.serve); return 0; }
    const { values } = parseArgs({ args: rest, options: { port: { type: 'string' }, host: { type: 'string' }, 'no-demo': { type: 'boolean' } } });
    if (values.port) config.port = Number(values.port);
    if (values.host) config.host = values.host;
    const demoEnv = process.env.DEMO;
    const demo = !values['no-demo'] && (demoEnv ? demoEnv === 'true' : !config.databaseUrl);
    const started = Date.now();
    const { webIsStale } = await import('../../../../scripts/build-web-if-needed.mjs');
    if (webIsStale()) say('note: the web UI build is missing or older than its sources; run `npm run build:web`.');
    const { app, database } = await boot(config, modules, { demo, logger: true, onProgress: say });
    const address = await app.listen({ port: config.port, host: config.host });
    // The jobs of a serving process (the retention job, once a day).
    startJobs(modules, 'serve', database.db, config, (line, err) => say(err ? `${line}: ${err}` : line));
    const shutdown = async () => { await app.close(); process.exit(0); };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    say(`localpact is running at ${address.replace('127.0.0.1', 'localhost')}  (database: ${database.driver}${database.driver === 'pglite' ? ' in ' + config.dataDir : ''}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    say(`API docs: ${address}/api/docs`);
    if (demo) {
      say(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
      for (const u of demoSignIns(modules)) say(`  ${u.role.padEnd(22)} ${u.email}`);
    }
    return new Promise<number>(() => {}); // runs until a signal
  }

  if (cmd === 'migrate') {
    if (wantsHelp(rest)) { console.log(platformHelp.migrate); return 0; }
    const database = await openDatabase(config);
    try {
      const r = await migrate(database.db, modules);
      console.log(r.applied.length ? `applied: ${r.applied.join(', ')}` : 'nothing to apply');
      console.log(`migration version: ${r.version} (${database.driver})`);
    } finally { await database.close(); }
    return 0;
  }

  if (cmd === 'demo') {
    if (wantsHelp(rest)) { console.log(platformHelp.demo); return 0; }
    if (!rest.includes('--yes')) { say('This deletes all organisations, users and sessions. Run again with --yes to proceed.'); return 2; }
    const database = await prepareDatabase(config, modules, { demo: false, onProgress: say });
    try {
      const r = await loadDemo(database.db, modules, { reset: true });
      console.log(`demo data reset: ${r.modules.join(', ')} (password "${DEMO_PASSWORD}")`);
    } finally { await database.close(); }
    return 0;
  }

  // A module's command: the longest name that the arguments start with ('user add', 'retention').
  const words = argv.join(' ');
  const command = [...commands].sort((a, b) => b.name.length - a.name.length).find((c) => words === c.name || words.startsWith(c.name + ' '));
  if (command) {
    const args = argv.slice(command.name.split(' ').length);
    if (command.help && wantsHelp(args)) { console.log(command.help); return 0; }
    const ctx: CliContext = {
      config, say,
      prepare: () => prepareDatabase(config, modules, { demo: false, onProgress: say }),
      open: async () => {
        const database = await openDatabase(config);
        try { await migrate(database.db, modules); } catch (e) { await database.close(); throw e; }
        return database;
      },
    };
    return command.run(args, ctx);
  }

  say(`unknown command "${argv.join(' ')}"\n`);
  console.log(mainHelp(commands));
  return 2;
}
