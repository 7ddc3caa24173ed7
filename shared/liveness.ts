/**
 * The liveness check's messages: Hocuspocus stateless payloads on an open map document. A browser
 * that has heard nothing from the server for a while sends LIVENESS_PING; the server answers that
 * connection alone with LIVENESS_PONG. Any message from the server proves the socket alive, so the
 * ping is only the fallback for a quiet map.
 */

/** Stateless payload a client sends to ask "are you still there?". */
export const LIVENESS_PING = 'recorrido:ping';

/** Stateless payload the server answers a LIVENESS_PING with, to that connection only. */
export const LIVENESS_PONG = 'recorrido:pong';
