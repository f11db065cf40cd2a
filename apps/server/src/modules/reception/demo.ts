// Demo capacity for the municipalities of the demo data: ten resource types each, sized roughly by
// population, with ninety days of history (a few changes per resource) so charts and "as of"
// queries have something to show. Deterministic: the same figures on every load.
import type { DemoData } from '../../platform/module.ts';
import * as repo from './repository.ts';

// Sollentuna (≈ 75,000 inhabitants) as the reference: [total, occupied] per resource.
const base: Record<string, [number, number]> = {
  emergency_beds: [40, 22], housing_places: [120, 97], uam_places: [12, 9], primary_school_places: [60, 41],
  secondary_school_places: [45, 30], childcare_places: [25, 21], language_course_seats: [80, 52],
  health_slots: [50, 18], psychosocial_slots: [20, 14], step_free_places: [8, 5],
};
const scale: Record<string, number> = {
  sollentuna: 1, sigtuna: 0.7, 'upplands-vasby': 0.65, hamburg: 4, palermo: 5, mechelen: 1.2, lisboa: 6, barcelona: 8,
};

function seeded(seed: number) {
  return () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
}

export const receptionTables = ['arrival_notice_versions', 'arrival_notice_households', 'arrival_notices', 'capacity_daily', 'capacity_history', 'capacity_declarations'];

export const receptionDemo: DemoData = {
  async seed(trx, ctx) {
    const random = seeded(2026);
    const now = Date.now();
    for (const [key, factor] of Object.entries(scale)) {
      const id = ctx.organisations.get(key);
      if (!id) continue;
      const org = await trx.selectFrom('organisations as o').innerJoin('territories as t', 't.code', 'o.territory_code').select(['t.path']).where('o.id', '=', id).executeTakeFirstOrThrow();
      for (const [resource, [t0, o0]] of Object.entries(base)) {
        const total = Math.max(1, Math.round(t0 * factor));
        const occupiedNow = Math.min(total, Math.round(o0 * factor));
        // Five earlier states over ninety days, drifting towards today's figures.
        const points: Array<{ at: Date; total: number; occupied: number }> = [];
        for (let k = 5; k >= 1; k--) {
          const t = Math.max(1, Math.round(total * (0.8 + 0.04 * (5 - k)) + (random() - 0.5) * 2));
          points.push({ at: new Date(now - (k * 18 - Math.floor(random() * 5)) * 86_400_000), total: t, occupied: Math.min(t, Math.round(occupiedNow * (0.6 + 0.08 * (5 - k)))) });
        }
        points.push({ at: new Date(now - 3_600_000), total, occupied: occupiedNow });
        await trx.insertInto('capacity_history').values(points.map((p) => ({
          organisation_id: id, resource_code: resource, territory_path: org.path, valid_from: p.at,
          total: p.total, occupied: p.occupied, reserved: 0, changed_by: null, reason: 'demo data',
        }))).execute();
        await trx.insertInto('capacity_declarations').values({
          organisation_id: id, resource_code: resource, territory_path: org.path, group_path: repo.groupPathOf(org.path),
          total, occupied: occupiedNow, reserved: 0, updated_at: new Date(now - 3_600_000), updated_by: null,
        }).execute();
      }
    }
    await repo.rebuildDaily(trx);
  },
};
