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
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new ApiError(400, 'invalid_body', `${where}${issue?.message ?? 'invalid body'}`);
  }
  return parsed.data;
}
