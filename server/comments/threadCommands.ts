import type { Hocuspocus } from '@hocuspocus/server';
import type { Logger } from 'pino';
import {
  compareThreads,
  type CommentMessageJson,
  type CommentThreadJson,
  type ThreadAnchor,
} from '../../shared/comments.ts';
import { ROOT } from '../../shared/doc-schema.ts';
import { mapDocName, type MapId } from '../../shared/index.ts';
import { can, type MapRole } from '../../shared/policy.ts';
import type { Storage } from '../storage/storage.ts';
import { anchorLabel } from './anchorLabel.ts';
import type { CommentsMirror } from './commentsMirror.ts';
import { messageJson, threadJson } from './threadJson.ts';

/** What the comment commands need. */
export interface ThreadCommandDeps {
  storage: Storage;
  hocuspocus: Hocuspocus;
  commentsMirror: CommentsMirror;
  logger: Logger;
}

/** Why a comment command was refused (the routes turn each into its HTTP error). */
export type ThreadRefusal =
  | { kind: 'unknown-anchor'; anchor: ThreadAnchor }
  | { kind: 'not-members'; ids: string[] }
  | { kind: 'not-author' }
  | { kind: 'cannot-resolve' }
  | { kind: 'deleted-message' };

/** A refused comment command. */
export class ThreadCommandError extends Error {
  readonly refusal: ThreadRefusal;

  constructor(refusal: ThreadRefusal) {
    super(refusal.kind);
    this.refusal = refusal;
  }
}

/** Who runs a command, with their role on the map (checked by the caller). */
export interface Actor {
  userId: string;
  role: MapRole;
}

const ANCHOR_ROOT = {
  stage: ROOT.stages,
  lane: ROOT.lanes,
  card: ROOT.cards,
  persona: ROOT.personas,
} as const;

/**
 * Refuses an anchor whose stage, lane, card or persona is not in the map's document now (read
 * through a direct connection, so it is the live state every client sees); resolves to the label
 * the thread keeps of it (null for the whole map).
 */
async function checkAnchor(
  deps: ThreadCommandDeps,
  mapId: MapId,
  anchor: ThreadAnchor,
): Promise<string | null> {
  if (anchor.kind === 'map' || anchor.id === undefined) return null;
  const connection = await deps.hocuspocus.openDirectConnection(mapDocName(mapId), {});
  let exists: boolean;
  let label: string | null = null;
  try {
    const doc = connection.document;
    exists = doc?.getMap<unknown>(ANCHOR_ROOT[anchor.kind]).has(anchor.id) ?? false;
    if (doc && exists) label = anchorLabel(doc, anchor);
  } finally {
    await connection.disconnect({ unloadImmediately: false });
  }
  if (!exists) throw new ThreadCommandError({ kind: 'unknown-anchor', anchor });
  return label;
}

/** Refuses mentions of anyone who is not an internal member of the map (customers included). */
async function checkMentions(deps: ThreadCommandDeps, mapId: MapId, mentions: readonly string[]) {
  if (mentions.length === 0) return;
  const members = await deps.storage.members.list(mapId);
  const readers = new Set(members.filter((m) => can(m.role, 'comments.read')).map((m) => m.userId));
  const outsiders = mentions.filter((id) => !readers.has(id));
  if (outsiders.length > 0) throw new ThreadCommandError({ kind: 'not-members', ids: outsiders });
}

/** Updates the live mirror; storage already holds the change, so a failure is only logged. */
async function mirror(deps: ThreadCommandDeps, mapId: MapId): Promise<void> {
  try {
    await deps.commentsMirror.refresh(mapId);
  } catch (error) {
    deps.logger.error({ err: error, mapId }, 'updating the comments mirror failed');
  }
}

/** Every thread of a map, oldest first (ties by id: the mirror's reader lists them the same). */
export async function listThreads(
  deps: Pick<ThreadCommandDeps, 'storage'>,
  mapId: MapId,
): Promise<CommentThreadJson[]> {
  return (await deps.storage.threads.list(mapId)).map(threadJson).sort(compareThreads);
}

/** Opens a thread with its first message (the caller checked comments.write). */
export async function createThread(
  deps: ThreadCommandDeps,
  mapId: MapId,
  actor: Actor,
  input: { anchor: ThreadAnchor; body: string; mentions: readonly string[] },
): Promise<CommentThreadJson> {
  const label = await checkAnchor(deps, mapId, input.anchor);
  await checkMentions(deps, mapId, input.mentions);
  const row = await deps.storage.threads.create({
    mapId,
    anchor: input.anchor,
    anchorLabel: label,
    createdBy: actor.userId,
    body: input.body,
    mentions: input.mentions,
  });
  await mirror(deps, mapId);
  return threadJson(row);
}

/** Replies in a thread (the caller checked comments.write on its map). */
export async function addMessage(
  deps: ThreadCommandDeps,
  mapId: MapId,
  threadId: string,
  actor: Actor,
  input: { body: string; mentions: readonly string[] },
): Promise<CommentMessageJson> {
  await checkMentions(deps, mapId, input.mentions);
  const row = await deps.storage.threads.addMessage({
    threadId,
    authorId: actor.userId,
    body: input.body,
    mentions: input.mentions,
  });
  await mirror(deps, mapId);
  return messageJson(row);
}

/** Edits a message: its author only, and not once deleted; without mentions, they are kept. */
export async function editMessage(
  deps: ThreadCommandDeps,
  messageId: string,
  actor: Actor,
  input: { body: string; mentions: readonly string[] | undefined },
): Promise<CommentMessageJson> {
  const message = await deps.storage.threads.message(messageId);
  if (!message) throw new Error('the message is gone');
  if (message.authorId !== actor.userId) throw new ThreadCommandError({ kind: 'not-author' });
  if (message.deletedAt !== null) throw new ThreadCommandError({ kind: 'deleted-message' });
  const mentions = input.mentions ?? message.mentions;
  if (input.mentions) await checkMentions(deps, message.mapId, input.mentions);
  await deps.storage.threads.editMessage(messageId, { body: input.body, mentions });
  await mirror(deps, message.mapId);
  const edited = await deps.storage.threads.message(messageId);
  if (!edited) throw new Error('the message is gone');
  return messageJson(edited);
}

/**
 * Deletes a message: its author only. The row stays as a placeholder so the replies after it
 * still read in order; a thread left with no live message is deleted with it.
 */
export async function deleteMessage(
  deps: ThreadCommandDeps,
  messageId: string,
  actor: Actor,
): Promise<void> {
  const message = await deps.storage.threads.message(messageId);
  if (!message) throw new Error('the message is gone');
  if (message.authorId !== actor.userId) throw new ThreadCommandError({ kind: 'not-author' });
  await deps.storage.transaction(async (tx) => {
    await tx.threads.deleteMessage(messageId);
    const thread = await tx.threads.get(message.threadId);
    if (thread && thread.messages.every((m) => m.deletedAt !== null)) {
      await tx.threads.delete(thread.id);
    }
  });
  await mirror(deps, message.mapId);
}

/** Resolves or reopens a thread: owners, editors and the thread's author (while they comment). */
export async function setThreadResolved(
  deps: ThreadCommandDeps,
  threadId: string,
  actor: Actor,
  resolved: boolean,
): Promise<CommentThreadJson> {
  const thread = await deps.storage.threads.get(threadId);
  if (!thread) throw new Error('the thread is gone');
  const allowed =
    can(actor.role, 'comments.resolve') ||
    (thread.createdBy === actor.userId && can(actor.role, 'comments.write'));
  if (!allowed) throw new ThreadCommandError({ kind: 'cannot-resolve' });
  await deps.storage.threads.setResolved(threadId, resolved, actor.userId);
  await mirror(deps, thread.mapId);
  const after = await deps.storage.threads.get(threadId);
  if (!after) throw new Error('the thread is gone');
  return threadJson(after);
}
