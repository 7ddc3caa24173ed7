/** A map as the catalogue API returns it. */
export interface MapSummary {
  id: string;
  title: string;
  template: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An error the API answered with (`{error: {code, message}}`). */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiRequestError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? response.statusText,
    );
  }
  return data as T;
}

/** Calls of the HTTP API used by the client. */
export const api = {
  listMaps: () => request<{ maps: MapSummary[] }>('GET', '/api/maps').then((r) => r.maps),
  getMap: (id: string) => request<MapSummary>('GET', `/api/maps/${encodeURIComponent(id)}`),
  createMap: (input: { title: string; template?: string; locale: string }) =>
    request<MapSummary>('POST', '/api/maps', input),
};
