import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

/** Reads and validates a JSON body; invalid JSON or shape gives a 400 with the reason. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'request body is not valid JSON');
  }
  return parseBody(schema, body);
}

/** Validates a parsed body; a mismatch gives a 400 naming the first problem. */
function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new ApiError(400, 'invalid_body', `${where}${issue?.message ?? 'invalid body'}`);
  }
  return parsed.data;
}

/** Like readJson, but an empty body reads as `{}` (for bodies whose every field is optional). */
export async function readOptionalJson<T extends z.ZodType>(
  c: Context,
  schema: T,
): Promise<z.infer<T>> {
  const text = await c.req.text();
  let body: unknown = {};
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(400, 'invalid_json', 'request body is not valid JSON');
    }
  }
  return parseBody(schema, body);
}
