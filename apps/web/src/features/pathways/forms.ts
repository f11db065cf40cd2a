// Checks shared by the pathways forms (kept free of React so they can be unit-tested).
import type { ApiError } from '../../api/client';
/** A plausible e-mail address: something@domain.tld, no spaces (the server only bounds the length). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** At least four digits, with spaces, dashes, dots, slashes, brackets and a leading +; 40 characters at most (the API's bound). */
export const PHONE = /^(?=(?:\D*\d){4})\+?[0-9(][0-9 ()./-]{3,38}$/;

/** Field errors of the API's problem+json, keyed "name", "steps.0.title", …; a bare "steps" error goes to the list. */
export function templateFieldErrors(err: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of err.errors) {
    const key = e.path.replace(/^[#/]*/, '').replace(/^body[./]?/, '').replace(/\//g, '.');
    if (!(key in out)) out[key || 'form'] = e.message;
  }
  return out;
}
