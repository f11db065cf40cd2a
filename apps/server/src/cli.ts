// The `localpact` command (bin/localpact.mjs): the platform's CLI over this server's modules.
import { runCli } from './platform/cli.ts';
import { modules } from './modules/index.ts';

export function main(argv: string[]): Promise<number> {
  return runCli(argv, modules);
}
