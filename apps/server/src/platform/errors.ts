// Every error leaves as application/problem+json (RFC 9457), titled in the caller's language,
// with the offending field paths for validation errors. Bad input never produces a 500.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditAction, RecordTypeName } from '@localpact/contracts';
import { negotiate, translate, type Locale } from './i18n.ts';
import { auditReads } from './audit.ts';
import { withActor } from './context.ts';

export interface FieldError { path: string; message: string }

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly params: Record<string, unknown> = {},
    public readonly fieldErrors: Array<{ path: string; key: string; params?: Record<string, unknown> }> = [],
    public readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }

  /** Personal data this error's body carries, audited by the error handler once the command rolled back. */
  disclosed: Disclosure[] = [];

  /** Marks personal data the body discloses (a 409 that lists possible duplicates, a conflict showing the current plan). */
  disclosing(d: Disclosure): this {
    if (d.ids.length) this.disclosed.push(d);
    return this;
  }
}

/**
 * A disclosure of personal records inside an error body. The command's transaction (and any audit
 * row in it) rolls back with the error, so the handler writes these reads in a transaction of its
 * own before the body leaves: no audit row, no body.
 */
export interface Disclosure {
  recordType: RecordTypeName;
  ids: string[];
  purpose: string;
  action?: AuditAction;
}

export const notFound = (what: string) => new AppError(404, 'not_found', { what: `what.${what}` });
export const unauthenticated = () => new AppError(401, 'unauthenticated');
export const forbidden = () => new AppError(403, 'forbidden');
export const conflict = (what: string, current: number, extra: Record<string, unknown> = {}) =>
  new AppError(409, 'conflict', { what: `what.${what}`, current }, [], { currentVersion: current, ...extra });
export const invalid = (path: string, key: string, params: Record<string, unknown> = {}) =>
  new AppError(400, 'validation', {}, [{ path, key, params }]);
export const duplicate = (what: string, field: string) =>
  new AppError(409, 'duplicate', { what: `what.${what}`, field }, [{ path: `body.${field}`, key: 'problem.duplicate' }]);

/** "45 seconds", "3 minutes", "٣ دقائق": a wait in words, rounded up to whole minutes past 90 s. */
export function formatWait(locale: Locale, seconds: number): string {
  const minutes = seconds > 90;
  const n = minutes ? Math.ceil(seconds / 60) : Math.max(1, Math.ceil(seconds));
  return new Intl.NumberFormat(locale, { style: 'unit', unit: minutes ? 'minute' : 'second', unitDisplay: 'long' }).format(n);
}

export function localeOf(request: FastifyRequest): Locale {
  return negotiate(request.headers['accept-language']);
}

export function sendProblem(reply: FastifyReply, locale: Locale, status: number, code: string, params: Record<string, unknown> = {}, errors?: FieldError[], extra: Record<string, unknown> = {}) {
  const detailKey = `problem.${code}.detail`;
  const detail = translate(locale, detailKey, params);
  const body: Record<string, unknown> = {
    type: `https://localpact.eu/problems/${code.replace(/_/g, '-')}`,
    title: translate(locale, `problem.${code}`, params),
    status,
    ...(detail !== detailKey ? { detail } : {}),
    ...(errors && errors.length ? { errors } : {}),
    ...extra,
  };
  return reply.code(status).type('application/problem+json; charset=utf-8').send(body);
}

interface AjvError { instancePath?: string; keyword?: string; params?: Record<string, any>; message?: string }

/** Turns ajv's errors into field paths ("body.email") and messages in the caller's language. */
export function validationErrors(locale: Locale, context: string | undefined, list: AjvError[]): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of list) {
    let path = (e.instancePath ?? '').split('/').filter(Boolean).join('.');
    const p = e.params ?? {};
    if (e.keyword === 'required' && p.missingProperty) path = path ? `${path}.${p.missingProperty}` : p.missingProperty;
    if (e.keyword === 'additionalProperties' && p.additionalProperty) path = path ? `${path}.${p.additionalProperty}` : p.additionalProperty;
    const full = [context ?? 'body', path].filter(Boolean).join('.');
    let key = `validation.${e.keyword}`;
    const params: Record<string, unknown> = { ...p };
    if (e.keyword === 'enum' && Array.isArray(p.allowedValues)) params.values = p.allowedValues.join(', ');
    if (e.keyword === 'const') { key = 'validation.enum'; params.values = String(p.allowedValue); }
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') key = 'validation.invalid';
    // The date formats say what a valid value is (a real day within the limits): see dates.ts.
    if (e.keyword === 'format' && typeof p.format === 'string' && translate(locale, `validation.format.${p.format}`) !== `validation.format.${p.format}`) key = `validation.format.${p.format}`;
    let message = translate(locale, key, params);
    if (message === key) message = translate(locale, 'validation.invalid');
    const id = `${full}|${message}`;
    if (!seen.has(id)) { seen.add(id); out.push({ path: full, message }); }
  }
  return out;
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler(async (error: FastifyError & { validation?: AjvError[]; validationContext?: string }, request, reply) => {
    const locale = localeOf(request);
    if (error instanceof AppError && error.disclosed.length) {
      const actor = request.actorOrNull;
      if (!actor) return sendProblem(reply, locale, 500, 'internal');
      try {
        await withActor(app.db, actor, async (trx) => {
          for (const d of error.disclosed) await auditReads(trx, actor, d.recordType, d.ids, d.purpose, d.action);
        });
      } catch (e) {
        request.log.error({ err: e }, 'a disclosure in an error body could not be audited');
        return sendProblem(reply, locale, 500, 'internal');
      }
    }
    if (error instanceof AppError) {
      const errors = error.fieldErrors.map((f) => ({ path: f.path, message: translate(locale, f.key, f.params) }));
      let params = error.params;
      // A wait (429) says when to try again: Retry-After in seconds, and in words in the caller's language.
      if (typeof error.extra.retryAfter === 'number') {
        reply.header('retry-after', String(error.extra.retryAfter));
        params = { ...params, wait: formatWait(locale, error.extra.retryAfter) };
      }
      return sendProblem(reply, locale, error.status, error.code, params, errors, error.extra);
    }
    if (error.validation) {
      return sendProblem(reply, locale, 400, 'validation', {}, validationErrors(locale, error.validationContext, error.validation));
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendProblem(reply, locale, 415, 'unsupported_media_type');
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendProblem(reply, locale, 413, 'payload_too_large');
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) {
      return sendProblem(reply, locale, 400, 'validation', {}, [{ path: 'body', message: translate(locale, 'validation.json') }]);
    }
    if (status === 429) { reply.header('retry-after', '60'); return sendProblem(reply, locale, 429, 'too_many_attempts', { wait: formatWait(locale, 60) }, [], { retryAfter: 60 }); }
    if (status >= 400 && status < 500) return sendProblem(reply, locale, status, status === 404 ? 'not_found' : 'bad_request', { what: 'what.route' });
    // Database errors that a caller's input can cause are still the caller's: map them to 4xx.
    const pgCode = (error as unknown as { code?: string }).code;
    if (pgCode === '22P02' || pgCode === '22007' || pgCode === '22008' || pgCode === '22003' || pgCode === '22001') {
      return sendProblem(reply, locale, 400, 'validation', {}, [{ path: 'body', message: translate(locale, 'validation.invalid') }]);
    }
    // A safety net only: every create-if-absent path answers its own 409 (insert … on conflict do
    // nothing). A unique violation that still escapes is a race the caller lost, not a server fault.
    if (pgCode === '23505') {
      request.log.warn({ err: error }, 'unique violation reached the error handler');
      return sendProblem(reply, locale, 409, 'unique_violation');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, locale, 500, 'internal');
  });
}
