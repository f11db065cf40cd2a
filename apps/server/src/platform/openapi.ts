// The OpenAPI document a client can be generated from (issue 12). Routes declare their schemas,
// summaries and tags; this fills in what follows from the platform's own rules, the same way for
// every module: an operationId from method and path, a description, 401 for every private route
// (sessions are checked before validation) and 400 wherever input is validated, errors as
// application/problem+json with one reusable Problem schema, parameters with a default not
// required, a server and a licence. Linted by Redocly in `npm test -- contract`.
import { Problem } from '@localpact/contracts';

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** GET /api/people/:id/steps → getPeopleByIdSteps; /api/audit.csv → getAuditCsv. */
export function operationIdFor(method: string, url: string): string {
  const words = url.replace(/^\/api\//, '').split('/').filter(Boolean).flatMap((seg) => {
    const param = /^[:{](\w+)}?$/.exec(seg);
    if (param) return ['by', param[1]];
    return seg.split(/[-._]/).filter(Boolean);
  });
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

interface RouteLike { method: string | string[]; config?: unknown }
const isPublic = (route: RouteLike) => (route.config as { public?: boolean } | undefined)?.public === true;

/** Per route (documentation only: validation and serialisation keep the route's own schema). */
export function enrichRoute({ schema, url, route }: { schema: Json; url: string; route: RouteLike }): { schema: Json; url: string } {
  if (!schema || schema.hide) return { schema, url };
  const method = Array.isArray(route.method) ? route.method[0] : route.method;
  const pub = isPublic(route);
  const s: Json = { ...schema };
  s.operationId ??= operationIdFor(method, url);
  const summary = typeof s.summary === 'string' ? s.summary : '';
  s.description ??= `${summary}${/[.!?)]$/.test(summary) ? '' : '.'} ${pub
    ? 'Public: no session needed.'
    : 'Needs a session (the cookie from POST /api/auth/sign-in); without one it answers 401 before the input is checked.'}`;
  const response: Json = { ...((s.response as Json | undefined) ?? {}) };
  if (!pub && !response['401']) response['401'] = Problem;
  if ((s.params || s.querystring || s.body) && !response['400']) response['400'] = Problem;
  s.response = response;
  if (pub) s.security = [];
  return { schema: s, url };
}

const problemRef = { $ref: '#/components/schemas/Problem' };
const problemJson = (() => {
  const { $id: _id, ...rest } = JSON.parse(JSON.stringify(Problem)) as Json;
  return rest;
})();

const WORDS: Record<string, string> = {
  limit: 'How many items to return at most (one page).',
  offset: 'How many items to skip (paging).',
  id: "The record's identifier (a UUID).",
  purpose: 'Why the personal data is read; written to the audit log with the read.',
  q: 'Words to search for.',
  territory: 'A territory code (EU, an ISO 3166 country code, a NUTS code or a municipality code).',
  at: 'A past day (YYYY-MM-DD) or instant: the figures as they were at its end; omitted: now.',
  from: 'From this day or instant (inclusive).',
  to: 'Up to this day or instant (inclusive).',
};

/** The whole document: shared Problem schema, error media types, parameters, server and licence. */
export function finishDocument(doc: Json): Json {
  const info = doc.info as Json;
  info.license ??= { name: 'EUPL-1.2', identifier: 'EUPL-1.2' };
  // Relative: the installation that serves the document (its paths start with /api).
  doc.servers = [{ url: '/', description: 'This installation' }];
  const components = (doc.components ??= {}) as Json;
  const schemas = (components.schemas ??= {}) as Json;
  schemas.Problem = problemJson;
  const tags = new Set<string>();
  for (const ops of Object.values((doc.paths ?? {}) as Record<string, Json>)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!METHODS.includes(method)) continue;
      const o = op as Json;
      for (const t of (o.tags ?? []) as string[]) tags.add(t);
      for (const [code, r] of Object.entries((o.responses ?? {}) as Record<string, Json>)) {
        if (!/^[45]/.test(code)) continue;
        r.content = { 'application/problem+json': { schema: problemRef } };
        r.description = typeof r.description === 'string' && !r.description.startsWith('RFC 9457') ? r.description : problemDescription(code);
      }
      for (const p of (o.parameters ?? []) as Json[]) {
        const schema = (p.schema ?? {}) as Json;
        if (schema.default !== undefined) p.required = false;
        if (!p.description) {
          const name = String(p.name);
          const values = Array.isArray(schema.enum) ? ` One of: ${(schema.enum as unknown[]).join(', ')}.` : '';
          p.description = (schema.description as string | undefined) ?? ((WORDS[name] ?? `Filter: ${name}.`) + values);
        }
      }
    }
  }
  // Every tag an operation uses, described (a module's tag is its capability's name).
  const known = new Map(((doc.tags ?? []) as Json[]).map((t) => [String(t.name), t]));
  doc.tags = [...tags].sort().map((name) => known.get(name) ?? { name, description: `Operations of ${name}.` });
  return doc;
}

function problemDescription(code: string): string {
  const what: Record<string, string> = {
    '400': 'The input is not valid: each field with its path and a message in the reader\'s language.',
    '401': 'No valid session.',
    '403': 'The role does not allow this.',
    '404': 'Not found, or outside your reach (the two are not told apart).',
    '409': 'A stale version or a concurrent first write: the current version comes with it.',
    '415': 'Request bodies are JSON.',
    '422': 'Understood but refused by a rule (the detail says which).',
    '429': 'Too many attempts: wait (Retry-After).',
    '503': 'The database is not reachable.',
  };
  return `${what[code] ?? 'An error.'} RFC 9457 problem details.`;
}
