// Distribution keys: how many persons each municipality of a run should receive.
//
// - 'pact_reference': the Pact on Migration and Asylum's reference key between member states —
//   50 % population share and 50 % GDP share (countries table, World Bank figures) — then, inside
//   each country, by municipal population.
// - 'population': by municipal population only.
// - 'custom': a table of weights per municipality territory code (e.g. a national settlement key
//   such as the Königsteiner Schlüssel, entered by the coordinator).
//
// The key shares the year's arrivals in the run's territory: everyone the municipalities received
// this calendar year (reception's arrival notices not declined, withdrawn or expired) plus this
// run's persons. A municipality's target is its share of that total; its quota for this run is the
// target minus what it already received (never below zero). See docs/placement.md.

export type DistributionKeyType = 'pact_reference' | 'population' | 'custom';

export interface KeyMunicipality { id: string; territoryCode: string; country: string; population: number }
export interface KeyCountry { code: string; population: number; gdpUsd: number }

export function pactReferenceShares(countries: KeyCountry[]): Map<string, number> {
  const pop = countries.reduce((s, c) => s + c.population, 0);
  const gdp = countries.reduce((s, c) => s + c.gdpUsd, 0);
  return new Map(countries.map((c) => [c.code, 0.5 * (c.population / pop) + 0.5 * (c.gdpUsd / gdp)]));
}

/** Each municipality's share of the run (sums to 1 over the municipalities given). */
export function keyShares(type: DistributionKeyType, munis: KeyMunicipality[], countries: KeyCountry[], custom?: Record<string, number>): Map<string, number> {
  const shares = new Map<string, number>();
  if (munis.length === 0) return shares;
  if (type === 'custom') {
    const w = munis.map((m) => Math.max(0, custom?.[m.territoryCode] ?? custom?.[m.id] ?? 0));
    const total = w.reduce((a, b) => a + b, 0);
    munis.forEach((m, i) => shares.set(m.id, total > 0 ? w[i] / total : 0));
    return shares;
  }
  if (type === 'population') {
    const total = munis.reduce((s, m) => s + m.population, 0);
    for (const m of munis) shares.set(m.id, total > 0 ? m.population / total : 1 / munis.length);
    return shares;
  }
  // Pact reference key between the countries present in the run, renormalised to them.
  const present = new Set(munis.map((m) => m.country));
  const countryShare = pactReferenceShares(countries.filter((c) => present.has(c.code)));
  const popByCountry = new Map<string, number>();
  for (const m of munis) popByCountry.set(m.country, (popByCountry.get(m.country) ?? 0) + m.population);
  for (const m of munis) {
    const cs = countryShare.get(m.country) ?? 0;
    const cp = popByCountry.get(m.country) ?? 0;
    shares.set(m.id, cp > 0 ? cs * (m.population / cp) : 0);
  }
  return shares;
}

/** Quota in persons for this run, after year-to-date intake. */
export function quotas(shares: Map<string, number>, runPersons: number, intakeYtd: Map<string, number>): Map<string, number> {
  const ytdTotal = [...intakeYtd.values()].reduce((a, b) => a + b, 0);
  const base = runPersons + ytdTotal;
  const out = new Map<string, number>();
  for (const [id, share] of shares) out.set(id, Math.max(0, share * base - (intakeYtd.get(id) ?? 0)));
  return out;
}
