import type { Instance } from './types.ts';

export class InstanceValidationError extends Error {
  readonly errors: string[];
  constructor(errors: string[]) {
    const shown = errors.slice(0, 20);
    super(
      `invalid placement instance (${errors.length} error${errors.length === 1 ? '' : 's'}):\n  ` +
        shown.join('\n  ') +
        (errors.length > shown.length ? `\n  … and ${errors.length - shown.length} more` : ''),
    );
    this.name = 'InstanceValidationError';
    this.errors = errors;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

type Report = (path: string, msg: string) => void;

/**
 * Validates an untrusted value as an {@link Instance}. Throws {@link InstanceValidationError}
 * listing every problem with its field path (e.g. `households[3].needs.beds[2]`).
 * Returns the same object typed as Instance (no copy).
 */
export function validateInstance(raw: unknown): Instance {
  const errs: string[] = [];
  const err: Report = (path, msg) => {
    if (errs.length < 1000) errs.push(`${path}: ${msg}`);
  };
  if (!isObj(raw)) throw new InstanceValidationError(['(root): expected an object']);
  const resSet = checkResources(raw.resources, err);
  const munis = raw.municipalities;
  const muniIds = new Set<string>();
  let m = 0;
  if (!Array.isArray(munis) || munis.length === 0) err('municipalities', 'expected a non-empty array');
  else {
    m = munis.length;
    munis.forEach((mu, i) => checkMunicipality(mu, `municipalities[${i}]`, resSet, muniIds, err));
  }
  const hhs = raw.households;
  if (!Array.isArray(hhs)) err('households', 'expected an array');
  else {
    const hhIds = new Set<string>();
    hhs.forEach((h, i) => checkHousehold(h, `households[${i}]`, { resSet, muniIds, hhIds, m }, err));
  }
  if (raw.options !== undefined) checkOptions(raw.options, err);
  if (errs.length) throw new InstanceValidationError(errs);
  return raw as unknown as Instance;
}

/** The resource names: non-empty, distinct strings. */
function checkResources(resources: unknown, err: Report): Set<string> {
  const resSet = new Set<string>();
  if (!Array.isArray(resources)) err('resources', 'expected an array of strings');
  else
    resources.forEach((r, i) => {
      if (typeof r !== 'string' || r.length === 0) err(`resources[${i}]`, 'expected a non-empty string');
      else if (resSet.has(r)) err(`resources[${i}]`, `duplicate resource "${r}"`);
      else resSet.add(r);
    });
  return resSet;
}

const nonNegative = (v: unknown) => isFiniteNum(v) && v >= 0;

function checkMunicipality(mu: unknown, p: string, resSet: Set<string>, muniIds: Set<string>, err: Report): void {
  if (!isObj(mu)) return err(p, 'expected an object');
  checkId(mu.id, `${p}.id`, muniIds, 'municipality', err);
  if (!isObj(mu.capacity)) err(`${p}.capacity`, 'expected an object {resource: number}');
  else
    for (const [k, v] of Object.entries(mu.capacity)) {
      if (!resSet.has(k)) err(`${p}.capacity.${k}`, `unknown resource "${k}" (not in resources)`);
      else if (!nonNegative(v)) err(`${p}.capacity.${k}`, 'expected a finite number >= 0');
    }
  if (mu.quota !== undefined && !nonNegative(mu.quota)) err(`${p}.quota`, 'expected a finite number >= 0');
  if (mu.quotaTolerance !== undefined && !nonNegative(mu.quotaTolerance)) err(`${p}.quotaTolerance`, 'expected a finite number >= 0 (a fraction, e.g. 0.1)');
  if (mu.quotaPenalty !== undefined && !nonNegative(mu.quotaPenalty)) err(`${p}.quotaPenalty`, 'expected a finite number >= 0');
  if (mu.quotaPenalty !== undefined && (mu.quotaPenalty as number) > 0 && mu.quota === undefined) err(`${p}.quotaPenalty`, 'quotaPenalty given without quota');
}

/** A non-empty id, distinct within `ids`. */
function checkId(id: unknown, path: string, ids: Set<string>, what: string, err: Report): void {
  if (typeof id !== 'string' || id.length === 0) err(path, 'expected a non-empty string');
  else if (ids.has(id)) err(path, `duplicate ${what} id "${id}"`);
  else ids.add(id);
}

interface Known {
  resSet: Set<string>;
  muniIds: Set<string>;
  hhIds: Set<string>;
  /** Number of municipalities (0 when they are invalid: array lengths are then not checked). */
  m: number;
}

function checkHousehold(h: unknown, p: string, known: Known, err: Report): void {
  if (!isObj(h)) return err(p, 'expected an object');
  checkId(h.id, `${p}.id`, known.hhIds, 'household', err);
  if (h.size !== undefined && !nonNegative(h.size)) err(`${p}.size`, 'expected a finite number >= 0');
  if (!isObj(h.needs)) err(`${p}.needs`, 'expected an object {resource: number | number[]}');
  else for (const [k, v] of Object.entries(h.needs)) checkNeed(v, `${p}.needs.${k}`, k, known, err);
  checkScores(h.scores, p, known, err);
  for (const key of ['mustGo', 'mustNot'] as const) {
    const l = h[key];
    if (l === undefined) continue;
    if (!Array.isArray(l)) err(`${p}.${key}`, 'expected an array of municipality ids');
    else
      l.forEach((id, j) => {
        if (typeof id !== 'string' || !known.muniIds.has(id)) err(`${p}.${key}[${j}]`, `unknown municipality ${JSON.stringify(id)}`);
      });
  }
}

/** A need: a number, or one number per municipality. */
function checkNeed(v: unknown, q: string, resource: string, { resSet, m }: Known, err: Report): void {
  if (!resSet.has(resource)) err(q, `unknown resource "${resource}" (not in resources)`);
  else if (Array.isArray(v)) {
    if (m && v.length !== m) err(q, `array must have one entry per municipality (${m}), got ${v.length}`);
    for (let j = 0; j < v.length; j++)
      if (!nonNegative(v[j])) {
        err(`${q}[${j}]`, 'expected a finite number >= 0');
        break;
      }
  } else if (!nonNegative(v)) err(q, 'expected a finite number >= 0 or an array of them');
}

/** Scores: an array aligned with the municipalities (null = not allowed) or an object by municipality id. */
function checkScores(s: unknown, p: string, { muniIds, m }: Known, err: Report): void {
  if (Array.isArray(s)) {
    if (m && s.length !== m) err(`${p}.scores`, `array must have one entry per municipality (${m}), got ${s.length}`);
    for (let j = 0; j < s.length; j++)
      if (s[j] !== null && !isFiniteNum(s[j])) {
        err(`${p}.scores[${j}]`, 'expected a finite number or null (not allowed)');
        break;
      }
  } else if (isObj(s)) {
    for (const [k, v] of Object.entries(s)) {
      if (!muniIds.has(k)) err(`${p}.scores.${k}`, `unknown municipality "${k}"`);
      else if (!isFiniteNum(v)) err(`${p}.scores.${k}`, 'expected a finite number');
    }
  } else err(`${p}.scores`, 'expected an array aligned with municipalities or an object {municipalityId: score}');
}

function checkOptions(o: unknown, err: Report): void {
  if (!isObj(o)) return err('options', 'expected an object');
  for (const k of ['timeLimitSeconds', 'gapTolerance'] as const)
    if (o[k] !== undefined && (!isFiniteNum(o[k]) || (o[k] as number) <= 0)) err(`options.${k}`, 'expected a finite number > 0');
  if (o.unassignedPenalty !== undefined && !nonNegative(o.unassignedPenalty)) err('options.unassignedPenalty', 'expected a finite number >= 0');
  if (o.seed !== undefined && !isFiniteNum(o.seed)) err('options.seed', 'expected a number');
  if (o.candidateLimit !== undefined && (!Number.isInteger(o.candidateLimit) || (o.candidateLimit as number) < 1))
    err('options.candidateLimit', 'expected an integer >= 1');
  if (o.method !== undefined && !['auto', 'lagrangian', 'assignment'].includes(o.method as string))
    err('options.method', 'expected "auto", "lagrangian" or "assignment"');
  if (o.explain !== undefined && typeof o.explain !== 'boolean') err('options.explain', 'expected a boolean');
}
