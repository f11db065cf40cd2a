// Each capability module that has demo data registers it here: its tables (children first, for
// `localpact demo` to empty them) and a seed function run inside the demo transaction, after the
// organisations (their ids by demo key, e.g. 'sollentuna', 'se110', 'hamburg') and users exist.
import type { Tx } from './context.ts';
import { receptionDemo } from '../modules/reception/demo.ts';
import { placementDemo } from '../modules/placement/demo.ts';
import { pathwaysDemo } from '../modules/pathways/demo.ts';

export interface DemoContext { organisations: Map<string, string> }
export interface DemoModule { name: string; tables: string[]; seed(trx: Tx, ctx: DemoContext): Promise<void> }

export const demoModules: DemoModule[] = [
  receptionDemo,
  placementDemo,
  pathwaysDemo,
];
