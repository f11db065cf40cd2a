// Input hygiene, in one place for every route: what no field of any request may carry, and the
// calendar formats every date field and date query is checked with.
//
//  - Control characters: NUL (which PostgreSQL refuses in text, and which used to surface as a 500)
//    and the other C0 and C1 controls, except tab, line feed and carriage return; lone UTF-16
//    surrogates (broken Unicode, which cannot be stored as UTF-8). Checked in every string of the
//    path parameters, the query string and the JSON body, object keys included, before schema
//    validation: 400 with the field's path.
//  - Dates: see packages/contracts/src/dates.ts for the formats and their limits.
import type { FastifyInstance } from 'fastify';
import { isBirthDate, isCalendarDate, isDayOrInstant, isInstant } from '@localpact/contracts';
import { AppError } from './errors.ts';

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const hasForbiddenCharacters = (s: string) => FORBIDDEN.test(s);

/** The path of the first string (or object key) with a forbidden character, or null. */
export function findForbidden(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return FORBIDDEN.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbidden(value[i], `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (FORBIDDEN.test(key)) return path;
    const found = findForbidden(v, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Registers the check on every route of the instance it is called on (before validation). */
export function installInputHygiene(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const found = findForbidden(req.params, 'params') ?? findForbidden(req.query, 'querystring') ?? findForbidden(req.body, 'body');
    if (found) throw new AppError(400, 'validation', {}, [{ path: found, key: 'validation.control_characters' }]);
  });
}

/** The one set of date formats (ajv), replacing ajv-formats' 'date' and 'date-time'. */
export function addDateFormats(ajv: { addFormat(name: string, format: { type: 'string'; validate: (s: string) => boolean }): unknown }) {
  ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => isInstant(s, 'required') });
  ajv.addFormat('birth-date', { type: 'string', validate: (s: string) => isBirthDate(s) });
  ajv.addFormat('day-or-instant', { type: 'string', validate: isDayOrInstant });
}
