import { ApiRequestError } from '../api.ts';

/** The files a map exports to (GET /api/maps/:id/export?format=…). */
export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf', 'png'] as const;

/** One export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Largest map file the server takes (the API's body limit, server/http/app.ts). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** URL of a map's export; html opens the printable page (A3 sheets). */
export function exportUrl(mapId: string, format: ExportFormat | 'html'): string {
  const base = `/api/maps/${encodeURIComponent(mapId)}/export?format=${format}`;
  return format === 'html' ? `${base}&layout=pages` : base;
}

/** The file name a Content-Disposition header gives, or a fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;
}

async function apiError(response: Response): Promise<ApiRequestError> {
  const data: unknown = await response.json().catch(() => null);
  const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
  return new ApiRequestError(
    response.status,
    error?.code ?? 'http_error',
    error?.message ?? response.statusText,
  );
}

/**
 * Fetches an export and saves it as a download. Fetched rather than followed as a link so an
 * error (a PDF while the server has no Chromium) is shown, not saved as a file.
 */
export async function downloadExport(mapId: string, format: ExportFormat): Promise<void> {
  const response = await fetch(exportUrl(mapId, format), { credentials: 'same-origin' });
  if (!response.ok) throw await apiError(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameOf(response.headers.get('Content-Disposition'), `map.${format}`);
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click has handed the file to the browser's download.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** Sends a map file (the JSON export) to POST /api/maps/import; the new map's id. */
export async function importMapFile(text: string): Promise<string> {
  const response = await fetch('/api/maps/import', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: text,
  });
  if (!response.ok) throw await apiError(response);
  return ((await response.json()) as { id: string }).id;
}
