// Matching with reasons: how well an offer fits a person's skills profile, and why. Pure: the
// service loads the data, this scores it. A score in [0, 1]:
//   0.55 × share of the offer's essential skills the person has (or 1 when the offer names none
//          but the occupation matches), 0.10 × share of its optional skills,
//   0.15 for experience in the occupation (0.075 in the same ISCO-08 unit group),
//   0.10 when the language level asked for is met (or none is asked),
//   0.10 for distance: full within 30 km of the person's municipality, none beyond 100 km.
// The weights are a first calibration, stated here and in the README; the reasons carry the facts.
import type { OfferMatch } from '@localpact/contracts';

const CEFR_ORDER = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'];
export const NEAR_KM = 30;
export const FAR_KM = 100;

export interface MatchOffer {
  id: string;
  occupationId: string | null;
  occupationIsco: string | null;
  skills: Array<{ id: string; label: string; essential: boolean }>;
  language: { code: string; level: string } | null;
  place: { lon: number | null; lat: number | null };
}
export interface MatchPerson {
  skills: Set<string>;
  experience: Array<{ occupationId: string; isco: string; label: string; years: number }>;
  languages: Map<string, string>;
  place: { lon: number | null; lat: number | null } | null;
}
export type Reasons = OfferMatch['reasons'];

export function distanceKm(a: { lon: number | null; lat: number | null } | null, b: { lon: number | null; lat: number | null } | null): number | null {
  if (!a || !b || a.lon == null || a.lat == null || b.lon == null || b.lat == null) return null;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

export function levelMet(has: string | undefined, needed: string): boolean {
  return has !== undefined && CEFR_ORDER.indexOf(has) >= CEFR_ORDER.indexOf(needed);
}

export function score(offer: MatchOffer, person: MatchPerson): { score: number; reasons: Omit<Reasons, 'skillsMissing'> & { skillsMissing: Array<{ id: string; label: string; essential: boolean }> } } {
  const essential = offer.skills.filter((s) => s.essential);
  const optional = offer.skills.filter((s) => !s.essential);
  const has = (s: { id: string }) => person.skills.has(s.id);
  const exact = person.experience.find((e) => e.occupationId === offer.occupationId);
  const group = exact ?? person.experience.find((e) => offer.occupationIsco !== null && e.isco === offer.occupationIsco);
  const occupationPart = exact ? 0.15 : group ? 0.075 : 0;
  const essentialShare = essential.length ? essential.filter(has).length / essential.length : occupationPart > 0 ? 1 : 0;
  const optionalShare = optional.length ? optional.filter(has).length / optional.length : 0;
  const language = offer.language ? { code: offer.language.code, needed: offer.language.level, has: person.languages.get(offer.language.code) ?? null, ok: levelMet(person.languages.get(offer.language.code), offer.language.level) } : null;
  const km = distanceKm(person.place, offer.place);
  const near = km === null ? 0.5 : km <= NEAR_KM ? 1 : km >= FAR_KM ? 0 : (FAR_KM - km) / (FAR_KM - NEAR_KM);
  const total = 0.55 * essentialShare + 0.1 * optionalShare + occupationPart + (language === null || language.ok ? 0.1 : 0) + 0.1 * near;
  return {
    score: Math.round(Math.min(1, total) * 1000) / 1000,
    reasons: {
      occupation: group ? { label: group.label, years: group.years, sameGroup: !exact } : null,
      skillsMatched: offer.skills.filter(has).map((s) => ({ id: s.id, label: s.label })),
      skillsMissing: offer.skills.filter((s) => !has(s)).map((s) => ({ id: s.id, label: s.label, essential: s.essential })),
      language,
      distanceKm: km === null ? null : Math.round(km * 10) / 10,
    },
  };
}
