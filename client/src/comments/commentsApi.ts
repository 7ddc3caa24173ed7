import type {
  CommentMessageJson,
  CommentThreadJson,
  ThreadAnchor,
} from '../../../shared/comments.ts';
import { request } from '../api.ts';

const part = encodeURIComponent;

/** The comment calls of the HTTP API (the server checks every role and authorship). */
export const commentsApi = {
  createThread: (
    mapId: string,
    input: { anchor: ThreadAnchor; body: string; mentions: string[] },
  ) => request<CommentThreadJson>('POST', `/api/maps/${part(mapId)}/threads`, input),
  reply: (threadId: string, input: { body: string; mentions: string[] }) =>
    request<CommentMessageJson>('POST', `/api/threads/${part(threadId)}/messages`, input),
  editMessage: (messageId: string, input: { body: string; mentions: string[] }) =>
    request<CommentMessageJson>('PATCH', `/api/messages/${part(messageId)}`, input),
  deleteMessage: (messageId: string) =>
    request<undefined>('DELETE', `/api/messages/${part(messageId)}`),
  setResolved: (threadId: string, resolved: boolean) =>
    request<unknown>('PATCH', `/api/threads/${part(threadId)}`, { resolved }),
  /** Per thread, the time of the newest message I had seen. */
  reads: (mapId: string) =>
    request<{ reads: Record<string, string> }>(
      'GET',
      `/api/maps/${part(mapId)}/comment-reads`,
    ).then((r) => r.reads),
  markRead: (threadId: string, until?: string) =>
    request<undefined>('POST', `/api/threads/${part(threadId)}/read`, until ? { until } : {}),
};
