// The money of a project, done for the user: flat-rate lines (CPR Art. 54–55) computed per year
// from the entered lines, the EU share at the co-financing rate, the national co-financing, the own
// contribution, and what was declared against each category. Pure: tested on its own.
import type { CostCategory, FlatRateBasis } from '@localpact/contracts';

export interface Line { year: number; category: CostCategory; amountEur: number }
const cents = (x: number) => Math.round(x * 100) / 100;

/** The category a flat rate computes (entered lines of it are refused), or null. */
export function computedCategory(basis: FlatRateBasis): CostCategory | null {
  return basis === 'indirect_7_direct' || basis === 'indirect_15_staff' ? 'indirect' : basis === 'staff_20_other_direct' ? 'staff' : null;
}

/** The flat-rate line of one year from that year's entered lines. */
export function flatRateOf(basis: FlatRateBasis, lines: readonly Line[]): number {
  const sum = (f: (l: Line) => boolean) => lines.filter(f).reduce((s, l) => s + l.amountEur, 0);
  switch (basis) {
    case 'indirect_7_direct': return cents(0.07 * sum((l) => l.category !== 'indirect'));
    case 'indirect_15_staff': return cents(0.15 * sum((l) => l.category === 'staff'));
    case 'staff_20_other_direct': return cents(0.2 * sum((l) => l.category !== 'staff' && l.category !== 'indirect'));
    case 'none': return 0;
  }
}

/** Entered lines plus the computed flat-rate line of each year. */
export function withFlatRate(basis: FlatRateBasis, lines: readonly Line[]): Array<Line & { computed: boolean }> {
  const cat = computedCategory(basis);
  const out: Array<Line & { computed: boolean }> = lines.map((l) => ({ ...l, computed: false }));
  if (!cat) return out;
  for (const year of [...new Set(lines.map((l) => l.year))].sort()) {
    out.push({ year, category: cat, amountEur: flatRateOf(basis, lines.filter((l) => l.year === year)), computed: true });
  }
  return out.sort((a, b) => a.year - b.year || a.category.localeCompare(b.category));
}

export interface Totals { directEur: number; flatRateEur: number; totalEur: number; euEur: number; nationalEur: number; ownEur: number; declaredEur: number; byCategory: Record<string, { budgetEur: number; declaredEur: number }> }

export function totals(basis: FlatRateBasis, budget: readonly Line[], cofinancingPercent: number, nationalEur: number, declared: readonly Line[]): Totals {
  const all = withFlatRate(basis, budget);
  const directEur = cents(all.filter((l) => !l.computed).reduce((s, l) => s + l.amountEur, 0));
  const flatRateEur = cents(all.filter((l) => l.computed).reduce((s, l) => s + l.amountEur, 0));
  const totalEur = cents(directEur + flatRateEur);
  const euEur = cents((totalEur * cofinancingPercent) / 100);
  const declaredAll = withFlatRate(basis, declared);
  const byCategory: Totals['byCategory'] = {};
  for (const l of all) (byCategory[l.category] ??= { budgetEur: 0, declaredEur: 0 }).budgetEur = cents(byCategory[l.category].budgetEur + l.amountEur);
  for (const l of declaredAll) (byCategory[l.category] ??= { budgetEur: 0, declaredEur: 0 }).declaredEur = cents(byCategory[l.category].declaredEur + l.amountEur);
  return { directEur, flatRateEur, totalEur, euEur, nationalEur: cents(nationalEur), ownEur: cents(totalEur - euEur - nationalEur), declaredEur: cents(declaredAll.reduce((s, l) => s + l.amountEur, 0)), byCategory };
}
