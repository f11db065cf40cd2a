// The score of placing a household in a municipality: a weighted sum of visible components, each
// between 0 and 1, so a coordinator can see and weigh what drives a proposal. Documented in
// docs/placement.md.
//
// - labour: fit of the household's occupations (ISCO-08) with the labour demand of the
//   municipality's region (regional_labour_demand, looked up from the municipality up to the
//   country; a 4-digit occupation also matches its 3-, 2- and 1-digit groups, at 100/75/50/25 %).
//   A household without a stated occupation gets 0.5 (no evidence either way).
// - ties: relatives or community in the municipality (1) or in its NUTS 3 region (0.5).
// - preference: the household's own ranked wishes: 1st choice 1, then 0.75, 0.5, 0.25 (a wish
//   may name the municipality or any territory that contains it).
// - services: a household that needs specialised medical or psychosocial care scores 1 where the
//   municipality declares such appointment slots, 0 elsewhere; others 0.
// - language: a household with an adult who has no local-language course yet scores 1 where the
//   municipality declares language-course seats.

export interface Weights { labour: number; ties: number; preference: number; services: number; language: number; quotaPenalty: number }
export const defaultWeights: Weights = { labour: 40, ties: 30, preference: 20, services: 10, language: 10, quotaPenalty: 5 };
export const componentNames = ['labour', 'ties', 'preference', 'services', 'language'] as const;
export type Component = (typeof componentNames)[number];

export interface ScoringHousehold {
  occupations: string[]; ties: string[]; preferences: string[];
  medicalCare: boolean; psychosocialCare: boolean; adults: number;
}
export interface ScoringMunicipality {
  /** Territory codes from the root to the municipality, e.g. ['EU','SE','SE1','SE11','SE110','SE_0163']. */
  chain: string[];
  /** Labour demand per ISCO code, already resolved along the chain (nearest territory wins). */
  demand: Map<string, number>;
  offersHealth: boolean; offersPsychosocial: boolean; offersLanguage: boolean;
}

export function labourFit(occupations: string[], demand: Map<string, number>): number {
  if (occupations.length === 0) return 0.5;
  let sum = 0;
  for (const occ of occupations) {
    let best = 0;
    for (let len = occ.length; len >= 1; len--) {
      const d = demand.get(occ.slice(0, len));
      if (d !== undefined) best = Math.max(best, d * (len === occ.length ? 1 : (len / occ.length)));
    }
    sum += best;
  }
  return sum / occupations.length;
}

export function components(h: ScoringHousehold, m: ScoringMunicipality): Record<Component, number> {
  const self = m.chain[m.chain.length - 1];
  const nuts3 = m.chain.length >= 2 ? m.chain[m.chain.length - 2] : null;
  const ties = h.ties.includes(self) ? 1 : nuts3 && h.ties.some((t) => t === nuts3) ? 0.5 : 0;
  let preference = 0;
  const rank = h.preferences.findIndex((p) => m.chain.includes(p));
  if (rank >= 0) preference = Math.max(0.25, 1 - 0.25 * rank);
  const needsCare = h.medicalCare || h.psychosocialCare;
  const services = needsCare && (!h.medicalCare || m.offersHealth) && (!h.psychosocialCare || m.offersPsychosocial) ? 1 : 0;
  const language = h.adults > 0 && m.offersLanguage ? 1 : 0;
  return { labour: labourFit(h.occupations, m.demand), ties, preference, services, language };
}

export function score(c: Record<Component, number>, w: Weights): number {
  return componentNames.reduce((s, k) => s + w[k] * c[k], 0);
}
