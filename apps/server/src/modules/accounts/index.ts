// Accounts: sign-in and sessions (the platform asks this module who a session belongs to), the
// signed-in user, and user administration.
import { parseArgs } from 'node:util';
import type { Actor } from '../../platform/access.ts';
import type { CapabilityModule } from '../../platform/module.ts';
import { referenceText } from '../../platform/erasure.ts';
import { accountRoutes } from './routes.ts';
import * as m0005 from './migrations/0005_accounts_security.ts';
import { negotiate, translate } from '../../platform/i18n.ts';
import { accountsDemo } from './demo.ts';
import { messages } from './messages.ts';
import { roles } from './roles.ts';
import { createUser, resolveSession, sessionIsAlive } from './service.ts';

const userAddHelp = `localpact user add --email E --name N --role R --organisation ORG_ID [--password P]

Roles: ${roles.join(', ')}
The password is read from LOCALPACT_PASSWORD when --password is not given (keeps it out of shell history).`;

export const accounts: CapabilityModule = {
  name: 'accounts',
  routes: accountRoutes,
  migrations: { '0005_accounts_security': m0005 },
  tables: ['sessions', 'sign_in_devices', 'sign_in_throttle', 'users'],
  // Staff accounts: their names and emails are managed by the administrator (users.manage), not
  // erased with a newcomer. Throttle keys and tokens are stored hashed.
  freeText: [
    ...referenceText('users', 'display_name', 'email', 'locale', 'password_hash', 'role'),
    ...referenceText('sessions', 'ip', 'token_hash'),
    ...referenceText('sign_in_devices', 'token_hash'),
    ...referenceText('sign_in_throttle', 'key_hash', 'kind'),
  ],
  demo: accountsDemo,
  messages,
  sessions: { resolve: resolveSession, isAlive: sessionIsAlive },
  commands: [{
    name: 'user add',
    summary: 'create a user account',
    help: userAddHelp,
    async run(args, ctx) {
      const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, organisation: { type: 'string' }, password: { type: 'string' } } });
      const password = values.password ?? process.env.LOCALPACT_PASSWORD;
      const missing = ['email', 'name', 'role', 'organisation'].filter((k) => !(values as Record<string, unknown>)[k]);
      if (missing.length || !password) { ctx.say(`missing: ${[...missing, ...(password ? [] : ['password'])].join(', ')}\n\n${userAddHelp}`); return 2; }
      if (!(roles as readonly string[]).includes(values.role!)) { ctx.say(`unknown role "${values.role}"; one of: ${roles.join(', ')}`); return 2; }
      if (password.length < 12) { ctx.say('the password must have at least 12 characters'); return 2; }
      const database = await ctx.prepare();
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
        ctx.say(`could not create the user: ${err.fieldErrors?.map((f) => `${option[f.path] ?? f.path} ${translate(locale, f.key, f.params)}`).join('; ') || err.code || err.message}`);
        return 1;
      } finally { await database.close(); }
      return 0;
    },
  }],
};
