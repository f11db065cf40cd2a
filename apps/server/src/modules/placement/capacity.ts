// The placement module's seam with reception: live free capacity per municipality, and the arrival
// notices that an approved run sends. Reception owns both; this file only calls its service.
import type { Tx } from '../../platform/context.ts';
import type { Actor } from '../../platform/access.ts';

export async function freeCapacity(_trx: Tx, _organisationIds: string[]): Promise<Map<string, Record<string, number>>> {
  throw new Error('wired to the reception service at merge');
}

export async function announceArrivals(_trx: Tx, _actor: Actor, _runId: string, _groups: Array<{ organisationId: string; households: number; persons: number; needs: Record<string, number> }>, _opts: { responseHours: number; expectedArrival?: string }): Promise<void> {
  throw new Error('wired to the reception service at merge');
}
