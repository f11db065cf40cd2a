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

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Validates an untrusted value as an {@link Instance}. Throws {@link InstanceValidationError}
 * listing every problem with its field path (e.g. `households[3].needs.beds[2]`).
 * Returns the same object typed as Instance (no copy).
 */
export function validateInstance(raw: unknown): Instance {
  const errs: string[] = [];
  const err = (path: string, msg: string) => {
    if (errs.length < 1000) errs.push(`${path}: ${msg}`);
  };
  if (!isObj(raw)) throw new InstanceValidationError(['(root): expected an object']);

  const resources = raw.resources;
  const resSet = new Set<string>();
  if (!Array.isArray(resources)) err('resources', 'expected an array of strings');
  else
    resources.forEach((r, i) => {
      if (typeof r !== 'string' || r.length === 0) err(`resources[${i}]`, 'expected a non-empty string');
      else if (resSet.has(r)) err(`resources[${i}]`, `duplicate resource "${r}"`);
      else resSet.add(r);
    });

  const munis = raw.municipalities;
  const muniIds = new Set<string>();
  let m = 0;
  if (!Array.isArray(munis) || munis.length === 0) err('municipalities', 'expected a non-empty array');
  else {
    m = munis.length;
    munis.forEach((mu, i) => {
      const p = `municipalities[${i}]`;
      if (!isObj(mu)) return err(p, 'expected an object');
      if (typeof mu.id !== 'string' || mu.id.length === 0) err(`${p}.id`, 'expected a non-empty string');
      else if (muniIds.has(mu.id)) err(`${p}.id`, `duplicate municipality id "${mu.id}"`);
      else muniIds.add(mu.id);
      if (!isObj(mu.capacity)) err(`${p}.capacity`, 'expected an object {resource: number}');
      else
        for (const [k, v] of Object.entries(mu.capacity)) {
          if (!resSet.has(k)) err(`${p}.capacity.${k}`, `unknown resource "${k}" (not in resources)`);
          else if (!isFiniteNum(v) || v < 0) err(`${p}.capacity.${k}`, 'expected a finite number >= 0');
        }
      if (mu.quota !== undefined && (!isFiniteNum(mu.quota) || mu.quota < 0))
        err(`${p}.quota`, 'expected a finite number >= 0');
      if (
        mu.quotaTolerance !== undefined &&
        (!isFiniteNum(mu.quotaTolerance) || mu.quotaTolerance < 0)
      )
        err(`${p}.quotaTolerance`, 'expected a finite number >= 0 (a fraction, e.g. 0.1)');
      if (mu.quotaPenalty !== undefined && (!isFiniteNum(mu.quotaPenalty) || mu.quotaPenalty < 0))
        err(`${p}.quotaPenalty`, 'expected a finite number >= 0');
      if (mu.quotaPenalty !== undefined && (mu.quotaPenalty as number) > 0 && mu.quota === undefined)
        err(`${p}.quotaPenalty`, 'quotaPenalty given without quota');
    });
  }

  const hhs = raw.households;
  if (!Array.isArray(hhs)) err('households', 'expected an array');
  else {
    const hhIds = new Set<string>();
    hhs.forEach((h, i) => {
      const p = `households[${i}]`;
      if (!isObj(h)) return err(p, 'expected an object');
      if (typeof h.id !== 'string' || h.id.length === 0) err(`${p}.id`, 'expected a non-empty string');
      else if (hhIds.has(h.id)) err(`${p}.id`, `duplicate household id "${h.id}"`);
      else hhIds.add(h.id);
      if (h.size !== undefined && (!isFiniteNum(h.size) || h.size < 0))
        err(`${p}.size`, 'expected a finite number >= 0');
      if (!isObj(h.needs)) err(`${p}.needs`, 'expected an object {resource: number | number[]}');
      else
        for (const [k, v] of Object.entries(h.needs)) {
          const q = `${p}.needs.${k}`;
          if (!resSet.has(k)) err(q, `unknown resource "${k}" (not in resources)`);
          else if (Array.isArray(v)) {
            if (m && v.length !== m) err(q, `array must have one entry per municipality (${m}), got ${v.length}`);
            for (let j = 0; j < v.length; j++)
              if (!isFiniteNum(v[j]) || v[j] < 0) {
                err(`${q}[${j}]`, 'expected a finite number >= 0');
                break;
              }
          } else if (!isFiniteNum(v) || v < 0) err(q, 'expected a finite number >= 0 or an array of them');
        }
      const s = h.scores;
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
      for (const key of ['mustGo', 'mustNot'] as const) {
        const l = h[key];
        if (l === undefined) continue;
        if (!Array.isArray(l)) err(`${p}.${key}`, 'expected an array of municipality ids');
        else
          l.forEach((id, j) => {
            if (typeof id !== 'string' || !muniIds.has(id)) err(`${p}.${key}[${j}]`, `unknown municipality ${JSON.stringify(id)}`);
          });
      }
    });
  }

  const o = raw.options;
  if (o !== undefined) {
    if (!isObj(o)) err('options', 'expected an object');
    else {
      for (const k of ['timeLimitSeconds', 'gapTolerance'] as const)
        if (o[k] !== undefined && (!isFiniteNum(o[k]) || (o[k] as number) <= 0)) err(`options.${k}`, 'expected a finite number > 0');
      if (o.unassignedPenalty !== undefined && (!isFiniteNum(o.unassignedPenalty) || o.unassignedPenalty < 0))
        err('options.unassignedPenalty', 'expected a finite number >= 0');
      if (o.seed !== undefined && !isFiniteNum(o.seed)) err('options.seed', 'expected a number');
      if (o.candidateLimit !== undefined && (!Number.isInteger(o.candidateLimit) || (o.candidateLimit as number) < 1))
        err('options.candidateLimit', 'expected an integer >= 1');
      if (o.method !== undefined && !['auto', 'lagrangian', 'assignment'].includes(o.method as string))
        err('options.method', 'expected "auto", "lagrangian" or "assignment"');
      if (o.explain !== undefined && typeof o.explain !== 'boolean') err('options.explain', 'expected a boolean');
    }
  }
  if (errs.length) throw new InstanceValidationError(errs);
  return raw as unknown as Instance;
}
