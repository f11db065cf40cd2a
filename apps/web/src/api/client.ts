// Typed fetch wrapper for the localpact API.
// - same-origin credentials (the session is an httpOnly cookie)
// - Accept-Language = the UI's current language, so server messages come back translated
// - RFC 9457 application/problem+json errors become ApiError

export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly errors: FieldError[];
  /** The whole problem body: some carry more than the standard fields (a 409's `current`, `changed`, …). */
  readonly problem: ProblemDetails & Record<string, unknown>;

  constructor(status: number, problem: ProblemDetails) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title ?? '';
    this.detail = problem.detail;
    this.type = problem.type;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem as ProblemDetails & Record<string, unknown>;
  }

  /** Field errors keyed by field name ("/email", "body/email" and "email" all give "email"). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) {
      const key = normalisePath(e.path);
      if (key && !(key in out)) out[key] = e.message;
    }
    return out;
  }
}

/** Network failure (server unreachable): status 0. */
export const NETWORK_ERROR_STATUS = 0;

export function normalisePath(path: string): string {
  return path
    .replace(/^[#/]*/, '')
    .replace(/^(body|query|params)[./]/, '')
    .split(/[./]/)[0] ?? '';
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

let currentLanguage = 'en';
let onUnauthorized: (() => void) | null = null;

export function setApiLanguage(language: string): void {
  currentLanguage = language;
}

/** Called when a request answers 401 (the session has ended). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLanguage,
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}${queryString(options.query)}`, {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(NETWORK_ERROR_STATUS, { title: 'Network error' });
  }

  if (response.status === 204) return undefined as T;
  const contentType = response.headers.get('content-type') ?? '';
  const isJson = contentType.includes('json');

  if (!response.ok) {
    let problem: ProblemDetails = { title: response.statusText, status: response.status };
    if (isJson) {
      try {
        problem = { ...problem, ...((await response.json()) as ProblemDetails) };
      } catch {
        /* keep the status text */
      }
    }
    const error = new ApiError(response.status, problem);
    if (response.status === 401 && onUnauthorized && !path.startsWith('/auth/')) onUnauthorized();
    throw error;
  }
  if (!isJson) return (await response.text()) as unknown as T;
  return (await response.json()) as T;
}
