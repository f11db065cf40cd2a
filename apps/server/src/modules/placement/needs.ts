// What a household needs of each reception resource (codes of the reception module's resource
// types). Age bands follow the usual EU school systems: childcare 1–5, primary 6–11, secondary
// 12–17 (ISCED 1 and 2–3 approximately); a country with other bands adjusts here.
import type { BuiltInResourceType } from '@localpact/contracts';

export interface NeedsInput { ages: number[]; unaccompaniedMinor: boolean; stepFree: boolean; medicalCare: boolean; psychosocialCare: boolean }

export function householdNeeds(h: NeedsInput): Record<string, number> {
  const size = h.ages.length;
  const count = (lo: number, hi: number) => h.ages.filter((a) => a >= lo && a <= hi).length;
  // Typed by the contracts' list: a misspelt resource code does not compile.
  const needs: Partial<Record<BuiltInResourceType, number>> = {
    housing_places: h.unaccompaniedMinor ? 0 : size,
    uam_places: h.unaccompaniedMinor ? size : 0,
    childcare_places: count(1, 5),
    primary_school_places: count(6, 11),
    secondary_school_places: count(12, 17),
    step_free_places: h.stepFree ? size : 0,
    health_slots: h.medicalCare ? 1 : 0,
    psychosocial_slots: h.psychosocialCare ? 1 : 0,
  };
  return Object.fromEntries(Object.entries(needs).filter(([, v]) => v > 0));
}

export const adults = (ages: number[]) => ages.filter((a) => a >= 18).length;
