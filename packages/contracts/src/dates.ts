// Calendar dates and instants, once for every field and query of the API.
//
// Limits: a date is a real calendar day (no 2026-02-30) from 1900-01-01 to 2200-12-31, and a date of
// birth is one from 1900-01-01 to today. Both databases (PostgreSQL dates run from 4713 BC to
// 5874897 AD, JavaScript's Date to ±275760) hold far more; the domain needs far less: nobody
// alive was born before 1900, and no status, step, notice or capacity figure is planned past 2200.
// Keeping dates inside these limits keeps every computation on them (ages, end of day, time zones)
// inside both engines. The server registers these checks as the ajv formats 'date', 'date-time',
// 'birth-date' and 'day-or-instant' (platform/app.ts).
import { Type } from 'typebox';

export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2200-12-31';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-](\d{2}):?(\d{2}))?$/;

/** A real day of the Gregorian calendar, YYYY-MM-DD, within 1900-01-01..2200-12-31. */
export function isCalendarDate(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days && s >= DATE_MIN && s <= DATE_MAX;
}

/** Today as YYYY-MM-DD (UTC). */
export const todayIso = (now: Date = new Date()) => now.toISOString().slice(0, 10);

/** A calendar date that is not after today. */
export function isBirthDate(s: string, now: Date = new Date()): boolean {
  return isCalendarDate(s) && s <= todayIso(now);
}

/**
 * A date and time: a calendar date (as above), a valid time, and a time zone (Z or ±hh:mm) when
 * `zone` is 'required' (RFC 3339, the 'date-time' format) or optionally (the `at` queries).
 */
export function isInstant(s: string, zone: 'required' | 'optional' = 'required'): boolean {
  const m = INSTANT.exec(s);
  if (!m || !isCalendarDate(m[1])) return false;
  if (zone === 'required' && !m[6]) return false;
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || (m[4] !== undefined && Number(m[4]) > 59)) return false;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return false;
  return true;
}

/** A day (YYYY-MM-DD) or a date and time, the time zone optional: the `at`, `from` and `to` queries. */
export const isDayOrInstant = (s: string) => isCalendarDate(s) || isInstant(s, 'optional');

export const IsoDate = Type.String({ format: 'date', description: `YYYY-MM-DD, a real calendar day from ${DATE_MIN} to ${DATE_MAX}` });
export const BirthDate = Type.String({ format: 'birth-date', description: `YYYY-MM-DD, a real calendar day from ${DATE_MIN} to today` });
export const Instant = Type.String({ format: 'date-time', description: `RFC 3339 date and time with a time zone, from ${DATE_MIN} to ${DATE_MAX}` });
export const DayOrInstant = Type.String({
  format: 'day-or-instant',
  maxLength: 40,
  description: `A day (YYYY-MM-DD: its end, UTC) or a date and time, from ${DATE_MIN} to ${DATE_MAX}`,
});
