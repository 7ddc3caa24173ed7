import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { MentionsSchema, MessageBodySchema, ThreadAnchorSchema } from '../../shared/comments.ts';
import { isId } from '../../shared/ids.ts';
import { can, type MapAction, type MapRole } from '../../shared/policy.ts';
import {
  addMessage,
  createThread,
  deleteMessage,
  editMessage,
  listThreads,
  setThreadResolved,
  ThreadCommandError,
  type ThreadCommandDeps,
  type ThreadRefusal,
} from '../comments/threadCommands.ts';
import type { MapId } from '../../shared/ids.ts';
import type { AppEnv, AuthState } from './env.ts';
import { ApiError, notFound } from './errors.ts';
import { requireMapAccess, type MapAccessDeps } from './mapAccess.ts';
import { requireAuth } from './session.ts';
import { readJson, readOptionalJson } from './validate.ts';

/** What the comment routes need. */
export type ThreadsRouteDeps = ThreadCommandDeps & MapAccessDeps;

const newThreadBody = z.object({
  anchor: ThreadAnchorSchema,
  body: MessageBodySchema,
  mentions: MentionsSchema.optional(),
});

const messageBody = z.object({ body: MessageBodySchema, mentions: MentionsSchema.optional() });

const resolveBody = z.object({ resolved: z.boolean({ error: 'resolved must be true or false' }) });

const readBody = z.object({
  until: z.iso
    .datetime({ offset: true, error: 'until must be an ISO 8601 date and time' })
    .optional(),
});

/** The contract's error for a refused comment command. */
function refusalError(refusal: ThreadRefusal): ApiError {
  switch (refusal.kind) {
    case 'unknown-anchor':
      return new ApiError(
        400,
        'unknown_anchor',
        `anchor: there is no ${refusal.anchor.kind} "${refusal.anchor.id ?? ''}" in this map`,
      );
    case 'not-members':
      return new ApiError(
        400,
        'mentions_not_members',
        `mentions: not members of this map: ${refusal.ids.join(', ')}`,
      );
    case 'not-author':
      return new ApiError(403, 'forbidden', 'only its author may change or delete a message');
    case 'cannot-resolve':
      return new ApiError(
        403,
        'forbidden',
        "only owners, editors and the thread's author may resolve or reopen it",
      );
    case 'deleted-message':
      return new ApiError(409, 'message_deleted', 'this message was deleted');
  }
}

/** Runs a command, turning its refusal into the contract's error. */
async function run<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof ThreadCommandError) throw refusalError(error.refusal);
    throw error;
  }
}

/** A caller allowed to act on a thread's map. */
interface ThreadMapAccess extends AuthState {
  mapId: MapId;
  role: MapRole;
}

/**
 * The gate of /api/threads/:id and /api/messages/:id: 401 when not signed in; 404 when the thread
 * or message does not exist or the caller may not read the map's comments (non-members and
 * customers cannot even learn it exists); 403 when their role does not allow `action`.
 */
async function requireCommentAccess(
  c: Context<AppEnv>,
  deps: MapAccessDeps,
  mapId: MapId | null,
  what: string,
  action: MapAction,
): Promise<ThreadMapAccess> {
  const state = requireAuth(c);
  const role = mapId ? await deps.storage.members.role(mapId, state.user.id) : null;
  if (!mapId || !role || !can(role, 'comments.read')) throw notFound(what);
  if (!can(role, action)) {
    throw new ApiError(403, 'forbidden', `your role on this map (${role}) does not allow this`);
  }
  return { ...state, mapId, role };
}

/** The :id parameter when it is well-formed (malformed ids are simply not found). */
function idParam(c: Context<AppEnv>): string | null {
  const raw = c.req.param('id');
  return isId(raw) ? raw : null;
}

/** /api/maps/:id/threads: a map's comment threads. */
export function mapThreadsRoutes(deps: ThreadsRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/:id/threads', async (c) => {
    const { map } = await requireMapAccess(c, deps, 'comments.read');
    return c.json({ threads: await listThreads(deps, map.id) });
  });

  // How far I have read each thread of the map: thread id -> the time of the newest message I had
  // seen (threads I never opened are absent: all their messages by others are unread to me).
  app.get('/:id/comment-reads', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'comments.read');
    const reads = await deps.storage.threads.readsOf(map.id, user.id);
    c.header('Cache-Control', 'no-store');
    return c.json({
      reads: Object.fromEntries(
        [...reads].map(([threadId, until]) => [threadId, new Date(until).toISOString()]),
      ),
    });
  });

  app.post('/:id/threads', async (c) => {
    const { map, user, role } = await requireMapAccess(c, deps, 'comments.write');
    const body = await readJson(c, newThreadBody);
    const thread = await run(() =>
      createThread(
        deps,
        map.id,
        { userId: user.id, role },
        { anchor: body.anchor, body: body.body, mentions: body.mentions ?? [] },
      ),
    );
    return c.json(thread, 201);
  });

  return app;
}

/** /api/threads/:id: replying and resolving. */
export function threadsRoutes(deps: ThreadsRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function threadAccess(c: Context<AppEnv>, action: MapAction) {
    const id = idParam(c);
    const thread = id ? await deps.storage.threads.get(id) : null;
    const access = await requireCommentAccess(c, deps, thread?.mapId ?? null, 'thread', action);
    if (!thread) throw notFound('thread');
    return { ...access, thread };
  }

  app.post('/:id/messages', async (c) => {
    const { thread, mapId, user, role } = await threadAccess(c, 'comments.write');
    const body = await readJson(c, messageBody);
    const message = await run(() =>
      addMessage(
        deps,
        mapId,
        thread.id,
        { userId: user.id, role },
        {
          body: body.body,
          mentions: body.mentions ?? [],
        },
      ),
    );
    return c.json(message, 201);
  });

  // Marks the thread read up to `until` (default: its newest message). A mark never moves back,
  // and never past the newest message, so a clock ahead cannot hide replies not yet written.
  app.post('/:id/read', async (c) => {
    const { thread, user } = await threadAccess(c, 'comments.read');
    const body = await readOptionalJson(c, readBody);
    if (thread.messages.length === 0) return c.body(null, 204);
    const newest = Math.max(...thread.messages.map((message) => message.createdAt));
    const until = body.until === undefined ? newest : Math.min(Date.parse(body.until), newest);
    await deps.storage.threads.markRead(thread.id, user.id, until);
    return c.body(null, 204);
  });

  app.patch('/:id', async (c) => {
    const { thread, user, role } = await threadAccess(c, 'comments.write');
    const body = await readJson(c, resolveBody);
    const result = await run(() =>
      setThreadResolved(deps, thread.id, { userId: user.id, role }, body.resolved),
    );
    return c.json(result);
  });

  return app;
}

/** /api/messages/:id: its author edits or deletes a message. */
export function messagesRoutes(deps: ThreadsRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function messageAccess(c: Context<AppEnv>) {
    const id = idParam(c);
    const message = id ? await deps.storage.threads.message(id) : null;
    const access = await requireCommentAccess(
      c,
      deps,
      message?.mapId ?? null,
      'message',
      'comments.write',
    );
    if (!message) throw notFound('message');
    return { ...access, message };
  }

  app.patch('/:id', async (c) => {
    const { message, user, role } = await messageAccess(c);
    const body = await readJson(c, messageBody);
    const edited = await run(() =>
      editMessage(
        deps,
        message.id,
        { userId: user.id, role },
        {
          body: body.body,
          mentions: body.mentions,
        },
      ),
    );
    return c.json(edited);
  });

  app.delete('/:id', async (c) => {
    const { message, user, role } = await messageAccess(c);
    await run(() => deleteMessage(deps, message.id, { userId: user.id, role }));
    return c.body(null, 204);
  });

  return app;
}
