#!/usr/bin/env node
// The localpact command: TypeScript sources run through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../apps/server/src/cli.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
