// The list of capability modules: the one place the server names them. Order matters where one
// module's demo data needs another's (organisations before accounts before the rest) and for the
// demo reset (later modules' tables are emptied first). A new capability is one folder and one
// line here.
import type { CapabilityModule } from '../platform/module.ts';
import { territories } from './territories/index.ts';
import { organisations } from './organisations/index.ts';
import { accounts } from './accounts/index.ts';
import { audit } from './audit/index.ts';
import { reception } from './reception/index.ts';
import { placement } from './placement/index.ts';
import { pathways } from './pathways/index.ts';
import { transition } from './transition/index.ts';
import { skills } from './skills/index.ts';
import { dialogue } from './dialogue/index.ts';
import { funding } from './funding/index.ts';

export const modules: readonly CapabilityModule[] = [
  territories,
  organisations,
  accounts,
  audit,
  reception,
  placement,
  pathways,
  transition,
  skills,
  dialogue,
  funding,
];
