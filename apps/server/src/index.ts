// The server, assembled: the platform (platform/) fed with the list of capability modules
// (modules/index.ts). Tests, benchmarks and the CLI start it from here.
import type { Config } from './platform/config.ts';
import { boot as bootPlatform, prepareDatabase as preparePlatformDatabase, type BootOptions } from './platform/boot.ts';
import { buildApp as buildPlatformApp } from './platform/app.ts';
import { loadDemo as loadPlatformDemo } from './platform/demo.ts';
import type { DatabaseHandle } from './platform/database.ts';
import { modules } from './modules/index.ts';

export { modules };
export { DEMO_PASSWORD } from './platform/demo.ts';

export const boot = (config: Config, opts: BootOptions) => bootPlatform(config, modules, opts);
export const prepareDatabase = (config: Config, opts: BootOptions) => preparePlatformDatabase(config, modules, opts);
export const buildApp = (config: Config, database: DatabaseHandle, opts: { logger?: boolean } = {}) => buildPlatformApp(config, database, modules, opts);
export const loadDemo = (database: DatabaseHandle, opts: { reset?: boolean } = {}) => loadPlatformDemo(database.db, modules, opts);
