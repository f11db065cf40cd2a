// Is this state-changing request from a page of another site? (OWASP CSRF Prevention Cheat Sheet:
// "Fetch Metadata" first, then the standard Origin header, then Referer.)
//
//  Sec-Fetch-Site  sent by every current browser on every request: 'same-origin' and 'none' (the
//                  user typed it) pass; 'same-site' (a sibling subdomain) and 'cross-site' do not,
//                  unless Origin is one of ALLOWED_ORIGINS.
//  Origin          browsers send it on every POST, PUT, PATCH and DELETE, same-origin included; it
//                  must be the server's own origin (scheme://host[:port] of the request as the
//                  client addressed it; behind a proxy with TRUST_PROXY) or one of ALLOWED_ORIGINS.
//                  'null' (sandboxed frames, privacy redirects) never passes.
//  Referer         only when neither header is there (older browsers): its origin must match.
//  none of these   not a browser: an API client or curl that holds its own session cookie. A
//                  browser cannot be made to send a cross-site write without Origin, so nothing
//                  forged can arrive this way; such clients keep working.
import type { FastifyRequest } from 'fastify';

/** scheme://host[:port], the default port dropped, as browsers write Origin. */
function originOf(url: string): string | null {
  try { return new URL(url).origin.toLowerCase(); } catch { return null; }
}

const selfOrigin = (req: FastifyRequest) => originOf(`${req.protocol}://${req.host}`);

/** null when the request may proceed; otherwise which check refused it. */
export function crossSiteReason(req: FastifyRequest, allowedOrigins: readonly string[]): 'sec-fetch-site' | 'origin' | 'referer' | null {
  const self = selfOrigin(req);
  const allowed = (o: string | null) => o !== null && (o === self || allowedOrigins.some((a) => originOf(a) === o));
  const header = (name: string) => { const v = req.headers[name]; return typeof v === 'string' ? v : Array.isArray(v) ? v[0] : undefined; };
  const site = header('sec-fetch-site');
  const origin = header('origin');
  if (site !== undefined) {
    if (site === 'same-origin' || site === 'none') return null;
    return origin !== undefined && origin !== 'null' && allowed(originOf(origin)) ? null : 'sec-fetch-site';
  }
  if (origin !== undefined) return origin !== 'null' && allowed(originOf(origin)) ? null : 'origin';
  const referer = header('referer');
  if (referer !== undefined) return allowed(originOf(referer)) ? null : 'referer';
  return null;
}
