import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Logger } from 'pino';
import { MapOperationError } from '../../shared/errors.ts';
import { mapToJson, parseMapJson, type MapJson } from '../../shared/interchange.ts';
import { readMap } from '../../shared/read-map.ts';
import { cardRows, cardsCsv, cardsXlsx, type CardRow } from '../export/cardRows.ts';
import { fileStem } from '../export/fileName.ts';
import { ExportUnavailableError, type PageRenderer } from '../export/pageRenderer.ts';
import {
  PRINT_CSP,
  printDocument,
  singlePageWidth,
  type PrintLayout,
} from '../export/printDocument.ts';
import { withMapDocument } from '../feedback/mapDocument.ts';
import { createMapFromJson, type MapCommandDeps } from '../maps/mapCommands.ts';
import { mapJson } from './mapsRoutes.ts';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';
import { requireMapAccess, type MapAccessDeps } from './mapAccess.ts';
import { requireAccount } from './session.ts';

/** What the export and import routes need. */
export type ExportRouteDeps = MapCommandDeps &
  MapAccessDeps & {
    logger: Logger;
    /** Renders print HTML to PDF and PNG with the server's Chromium. */
    exportRenderer: PageRenderer;
  };

/** The export formats, each with its media type and file extension. */
const FORMATS = {
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
  },
  pdf: { type: 'application/pdf', ext: 'pdf' },
  png: { type: 'image/png', ext: 'png' },
  html: { type: 'text/html; charset=utf-8', ext: 'html' },
} as const;

type ExportFormat = keyof typeof FORMATS;

const exportQuery = z.object({
  format: z.enum(Object.keys(FORMATS) as [ExportFormat, ...ExportFormat[]]),
  /** Print layout of html and pdf (png is always one page): A3 sheets or one large page. */
  layout: z.enum(['pages', 'single']).default('pages'),
});

/** What an export reads from the document before it lets go of it. */
type ExportContent =
  | { kind: 'json'; json: MapJson }
  | { kind: 'rows'; rows: CardRow[]; title: string }
  | { kind: 'print'; html: string; width: number; layout: PrintLayout };

/** A 400 for a file that is not a map: `invalid-map-file` with every problem found. */
function invalidFile(message: string): ApiError {
  return new ApiError(400, 'invalid-map-file', message);
}

/**
 * Export and import of maps (issue 13), mounted under /api/maps:
 * - `GET /:id/export?format=json|csv|xlsx|pdf|png|html[&layout=pages|single]` (map.export: every
 *   internal role; customers 403, non-members 404). Everything is built from the map as clients
 *   see it now (the live document through Hocuspocus, loaded from storage when nobody has it open).
 * - `POST /import` (any signed-in person with an account): the JSON export becomes a new map owned
 *   by the importer; a bad file is refused with 400 `invalid-map-file` and creates nothing.
 */
export function exportRoutes(deps: ExportRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/import', async (c) => {
    const { user } = requireAccount(c);
    const json = parseImport(await c.req.text());
    const row = await deps.storage.transaction(async (tx) => {
      const created = await createMapFromJson(tx, json, null);
      await tx.members.add(created.id, user.id, 'owner');
      return created;
    });
    // The summary POST /api/maps answers with (an imported map is new: nothing unseen).
    return c.json(mapJson(row, 'owner'), 201);
  });

  app.get('/:id/export', async (c) => {
    const { map } = await requireMapAccess(c, deps, 'map.export');
    const query = exportQuery.safeParse({
      format: c.req.query('format'),
      layout: c.req.query('layout'),
    });
    if (!query.success) {
      throw new ApiError(
        400,
        'invalid_query',
        `format must be one of ${Object.keys(FORMATS).join(', ')}; layout pages or single`,
      );
    }
    const { format, layout } = query.data;
    const rendered = format === 'pdf' || format === 'png';
    if (rendered && !deps.exportRenderer.available) throw unavailable();

    const stem = fileStem(map.title);
    const file = `${stem}.${FORMATS[format].ext}`;
    const started = performance.now();
    // Read the document, then let go of it before any slow rendering.
    const content = await withMapDocument(deps.hocuspocus, map.id, (doc): ExportContent => {
      if (format === 'json') return { kind: 'json', json: mapToJson(doc) };
      const view = readMap(doc);
      if (format === 'csv' || format === 'xlsx') {
        return { kind: 'rows', rows: cardRows(view), title: view.meta.title };
      }
      const printLayout = format === 'png' ? 'single' : layout;
      return {
        kind: 'print',
        html: printDocument(view, { layout: printLayout, exportedAt: new Date() }),
        width: singlePageWidth(view.stages.length),
        layout: printLayout,
      };
    });

    let body: string | Uint8Array;
    if (content.kind === 'json') body = JSON.stringify(content.json, null, 2);
    else if (content.kind === 'rows') {
      body =
        format === 'csv' ? cardsCsv(content.rows) : await cardsXlsx(content.rows, content.title);
    } else if (format === 'html') body = content.html;
    else {
      try {
        body =
          format === 'png'
            ? await deps.exportRenderer.png(content.html, content.width)
            : await deps.exportRenderer.pdf(
                content.html,
                content.layout === 'single' ? content.width : undefined,
              );
      } catch (error) {
        if (error instanceof ExportUnavailableError) throw unavailable(error.message);
        throw error;
      }
    }
    deps.logger.info(
      { mapId: map.id, format, layout, ms: Math.round(performance.now() - started) },
      'map exported',
    );
    return send(c, body, format, file);
  });

  return app;
}

function unavailable(message?: string): ApiError {
  return new ApiError(
    503,
    'export-unavailable',
    message ??
      'PDF and PNG export need Chromium on the server: install the "chromium" package or set CHROMIUM_PATH',
  );
}

/** Parses and validates an uploaded map file, or throws a 400 naming what is wrong. */
function parseImport(text: string): MapJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw invalidFile('The file is not JSON: choose a map exported from Recorrido as JSON.');
  }
  try {
    return parseMapJson(raw);
  } catch (error) {
    if (error instanceof MapOperationError) throw invalidFile(error.message);
    throw error;
  }
}

function send(c: Context<AppEnv>, body: string | Uint8Array, format: ExportFormat, file: string) {
  c.header('Content-Type', FORMATS[format].type);
  // Exports hold the whole internal map: never kept by a shared cache.
  c.header('Cache-Control', 'private, no-store');
  if (format === 'html') {
    // Opened in a tab to read, or in a frame of the map page to print it (the browser's print
    // of the map is this layout, the PDF's): nothing in it may run or load (see PRINT_CSP), and
    // only the app's own pages may frame it. securityHeaders keeps the headers a route set.
    c.header('Content-Disposition', `inline; filename="${file}"`);
    c.header('Content-Security-Policy', PRINT_CSP);
    c.header('X-Frame-Options', 'SAMEORIGIN');
  } else {
    c.header('Content-Disposition', `attachment; filename="${file}"`);
  }
  return c.body(typeof body === 'string' ? body : new Uint8Array(body));
}
