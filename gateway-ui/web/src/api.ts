// The console's only way to the service: /api/v1 with the session cookie
// (set by the server, HttpOnly) and the session's CSRF token in the
// X-CSRF-Token header of every request that changes something.
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string,
    readonly retryAfter?: number) {
    super(message);
  }
  get notAvailable(): boolean {
    return this.status === 404 && this.code !== 'not_found_item';
  }
}

export interface Session {
  account: string;
  sessionId: string;
  csrfToken: string;
  createdAt: string;
  inactivityMinutes: number;
  totpEnabled: boolean;
}

let csrfToken = '';
let onUnauthenticated: () => void = () => undefined;

export function setSession(s: Session | null): void {
  csrfToken = s?.csrfToken ?? '';
}

export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrfToken;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'the gateway does not answer; check that the service is running');
  }
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  let data: Record<string, unknown> = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = { error: 'bad_response', message: text.slice(0, 200) };
  }
  if (!response.ok) {
    const retry = Number(response.headers.get('Retry-After') ?? '');
    const err = new ApiError(response.status, String(data.error ?? 'error'),
      String(data.message ?? response.statusText), data.field ? String(data.field) : undefined,
      Number.isFinite(retry) && retry > 0 ? retry : undefined);
    if (response.status === 401 && err.code === 'unauthenticated' && !path.startsWith('/auth/')) {
      onUnauthenticated();
    }
    throw err;
  }
  return data as T;
}

// Query string from an object, leaving out empty values.
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
