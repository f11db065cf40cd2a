import type { Household, Instance, Municipality } from './types.ts';

/** Small, fast, seedable PRNG (mulberry32). Returns floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(r: () => number): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

export interface GeneratorOptions {
  households: number;
  municipalities: number;
  seed?: number;
  /** Total capacity / total demand per resource; default drawn in [1.1, 1.3]. */
  capacityFactor?: number;
  /** Add quotas with tolerance and penalty (default true). */
  quotas?: boolean;
  /** Fraction of households with mustGo (default 0.02) and mustNot (default 0.05). */
  mustGoRate?: number;
  mustNotRate?: number;
  /** Fraction of (household, municipality) pairs not allowed (default 0). */
  forbiddenRate?: number;
  unassignedPenalty?: number;
  timeLimitSeconds?: number;
}

const PROFILE_DIMS = 4;

/**
 * Seeded, realistic instance: resources beds / schoolPlaces / uamPlaces; household sizes 1–6;
 * 6 % unaccompanied minors (need one uamPlace, no bed); scores = 20 + municipality
 * attractiveness (0–40, grows with population) + household-municipality fit (0–40, from
 * a 4-dimensional profile: language community, jobs, health care, housing type);
 * capacities ~1.1–1.3 × total demand spread by population; quotas proportional to population
 * with a tolerance of ±15 % (at least ±3 persons) and a penalty of 3 per person outside the band.
 */
export function generateInstance(o: GeneratorOptions): Instance {
  const r = rng(o.seed ?? 1);
  const places = drawPlaces(r, o.municipalities);
  const people = drawHouseholds(r, o, places);
  return {
    resources: ['beds', 'schoolPlaces', 'uamPlaces'],
    municipalities: drawMunicipalities(r, o, places, people),
    households: people.households,
    options: {
      unassignedPenalty: o.unassignedPenalty ?? 0,
      timeLimitSeconds: o.timeLimitSeconds,
      seed: o.seed ?? 1,
    },
  };
}

/** Per municipality: population (log-normal), attractiveness and profile features. */
interface Places {
  m: number;
  pop: Float64Array;
  popSum: number;
  attr: Float64Array;
  feat: Float64Array;
}

function drawPlaces(r: () => number, m: number): Places {
  const pop = new Float64Array(m);
  const attr = new Float64Array(m);
  const feat = new Float64Array(m * PROFILE_DIMS);
  let popSum = 0;
  for (let j = 0; j < m; j++) {
    pop[j] = Math.exp(9 + 1.1 * normal(r));
    popSum += pop[j];
  }
  let maxLog = 0;
  for (let j = 0; j < m; j++) maxLog = Math.max(maxLog, Math.log(pop[j]));
  for (let j = 0; j < m; j++) {
    attr[j] = Math.min(40, Math.max(0, 40 * (0.6 * (Math.log(pop[j]) / maxLog) ** 4 + 0.4 * r())));
    for (let k = 0; k < PROFILE_DIMS; k++) feat[j * PROFILE_DIMS + k] = r();
  }
  return { m, pop, popSum, attr, feat };
}

const SIZE_CDF = [0.33, 0.48, 0.63, 0.78, 0.9, 1];

/** The households, with the persons and the demand per resource they add up to. */
function drawHouseholds(r: () => number, o: GeneratorOptions, places: Places): { households: Household[]; personsTotal: number; demand: number[] } {
  const households: Household[] = [];
  const profile = new Float64Array(PROFILE_DIMS);
  let personsTotal = 0;
  const demand = [0, 0, 0];
  for (let i = 0; i < o.households; i++) {
    const uam = r() < 0.06;
    let size = 1;
    if (!uam) {
      const u = r();
      size = SIZE_CDF.findIndex((c) => u < c) + 1;
    }
    const kids = uam ? 0 : size >= 3 ? Math.min(size - 2, 1 + Math.floor(r() * (size - 2))) : 0;
    const need = uam ? [0, 1, 1] : [size, kids, 0];
    for (let k = 0; k < 3; k++) demand[k] += need[k];
    personsTotal += size;
    for (let k = 0; k < PROFILE_DIMS; k++) profile[k] = r() < 0.5 ? r() : 0;
    const h: Household = {
      id: `h${i}`,
      size,
      needs: { beds: need[0], schoolPlaces: need[1], uamPlaces: need[2] },
      scores: drawScores(r, o, places, profile),
    };
    drawRestrictions(r, o, places.m, h);
    households.push(h);
  }
  return { households, personsTotal, demand };
}

/** Scores: 20 + attractiveness + fit of the household's profile with the place (null: forbidden pair). */
function drawScores(r: () => number, o: GeneratorOptions, { m, attr, feat }: Places, profile: Float64Array): (number | null)[] {
  const scores: (number | null)[] = new Array(m);
  for (let j = 0; j < m; j++) {
    if (o.forbiddenRate && r() < o.forbiddenRate) {
      scores[j] = null;
      continue;
    }
    let fit = 0;
    for (let k = 0; k < PROFILE_DIMS; k++) fit += profile[k] * feat[j * PROFILE_DIMS + k];
    fit = (40 * fit) / PROFILE_DIMS + 8 * r();
    scores[j] = Math.round((20 + attr[j] + Math.min(40, fit)) * 100) / 100;
  }
  return scores;
}

/** mustGo (one or two places) or mustNot (one to three places), at the configured rates. */
function drawRestrictions(r: () => number, o: GeneratorOptions, m: number, h: Household): void {
  const mg = o.mustGoRate ?? 0.02;
  const mn = o.mustNotRate ?? 0.05;
  if (r() < mg) {
    const a = Math.floor(r() * m);
    const b = Math.floor(r() * m);
    h.mustGo = a === b ? [`m${a}`] : [`m${a}`, `m${b}`];
  } else if (r() < mn) {
    const k = 1 + Math.floor(r() * 3);
    const set = new Set<string>();
    for (let t = 0; t < k; t++) set.add(`m${Math.floor(r() * m)}`);
    h.mustNot = [...set];
  }
}

/** Capacities spread by population around factor × demand, and quotas proportional to population. */
function drawMunicipalities(
  r: () => number,
  o: GeneratorOptions,
  { m, pop, popSum }: Places,
  { personsTotal, demand }: { personsTotal: number; demand: number[] },
): Municipality[] {
  const factor = o.capacityFactor ?? 1.1 + 0.2 * r();
  const share = new Float64Array(m);
  const uamShare = new Float64Array(m);
  let shareSum = 0;
  let uamSum = 0;
  for (let j = 0; j < m; j++) {
    share[j] = pop[j] * (0.5 + r());
    shareSum += share[j];
    uamShare[j] = r() < 0.35 ? pop[j] * (0.5 + r()) : 0;
    uamSum += uamShare[j];
  }
  const municipalities: Municipality[] = [];
  for (let j = 0; j < m; j++) {
    const beds = Math.round((factor * demand[0] * share[j]) / shareSum + r() * 2);
    const school = Math.round((factor * demand[1] * share[j]) / shareSum + r());
    const uamP = uamSum > 0 ? Math.round((factor * demand[2] * uamShare[j]) / uamSum + (uamShare[j] > 0 ? r() : 0)) : 0;
    const mu: Municipality = { id: `m${j}`, capacity: { beds, schoolPlaces: school, uamPlaces: uamP } };
    if (o.quotas ?? true) {
      mu.quota = Math.round(((personsTotal * pop[j]) / popSum) * 10) / 10;
      // ±15 %, but at least ±3 persons: small municipalities cannot hit a narrow band with whole families
      mu.quotaTolerance = Math.round(Math.max(0.15, Math.min(1, 3 / Math.max(mu.quota, 1e-9))) * 1000) / 1000;
      mu.quotaPenalty = 3;
    }
    municipalities.push(mu);
  }
  return municipalities;
}

/** One-to-one instance: n households, n municipalities of capacity 1, dense integer scores. */
export function generateAssignmentInstance(n: number, seed = 1, cols = n): Instance {
  const r = rng(seed);
  const attr = Array.from({ length: cols }, () => Math.floor(r() * 300));
  const municipalities: Municipality[] = attr.map((_, j) => ({ id: `m${j}`, capacity: { places: 1 } }));
  const households: Household[] = [];
  for (let i = 0; i < n; i++) {
    const scores = new Array<number>(cols);
    for (let j = 0; j < cols; j++) scores[j] = attr[j] + Math.floor(r() * 1000);
    households.push({ id: `h${i}`, needs: { places: 1 }, scores });
  }
  return { resources: ['places'], municipalities, households, options: { seed } };
}
