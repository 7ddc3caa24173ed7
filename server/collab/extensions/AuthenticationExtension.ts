import type { Extension, connectedPayload, onAuthenticatePayload } from '@hocuspocus/server';
import type { Logger } from 'pino';
import {
  ACCESS_CHANGED,
  PERMISSION_DENIED_REASON,
  STORAGE_UNAVAILABLE,
  UNAUTHENTICATED,
} from '../../../shared/close-codes.ts';
import { canReadDocument, canWriteDocument } from '../../../shared/policy.ts';
import type { AuthServices } from '../../auth/authServices.ts';
import { classifyOrigin } from '../../auth/origin.ts';
import { sessionTokenFromCookieHeader } from '../../auth/sessionCookie.ts';
import type { ValidSession } from '../../auth/sessions.ts';
import type { Metrics } from '../../metrics.ts';
import type { MemberStore } from '../../storage/storage.ts';
import { closeConnection } from '../access.ts';
import type { AuthenticatedContext, CollabContext } from '../context.ts';
import type { CloseSocket } from '../LoadFailureReporting.ts';

/** Settings of the collaboration authentication. */
export interface AuthenticationConfiguration {
  auth: AuthServices;
  /** Where roles are read from. */
  members: MemberStore;
  logger: Logger;
  metrics?: Metrics;
  /**
   * Closes the socket of an upgrade request. When the session or the role cannot be read (the
   * database does not answer), the socket is closed with STORAGE_UNAVAILABLE so the provider
   * reconnects and authenticates again, instead of being told it has no access.
   */
  closeSocket?: CloseSocket;
}

/**
 * Hocuspocus turns a thrown value's `reason` into the provider's `authenticationFailed` reason.
 * Not an Error on purpose: refusals are expected traffic, not failures worth a stack in the logs.
 */
class Refusal {
  readonly reason: string;

  constructor(reason: string) {
    this.reason = reason;
  }
}

/**
 * Authenticates every collaboration connection, in one place: finds the session (the provider's
 * `token`, or the session cookie of a same-origin upgrade request), loads the user's role on the
 * map, asks the policy whether the role may open this document, and makes the connection
 * read-only when the role may not write it. Non-members, and customers on the internal map, are
 * refused. Runs right after DocumentTargetExtension, which parsed the document name.
 */
export class AuthenticationExtension implements Extension {
  readonly extensionName = 'authentication';
  readonly priority = 190;
  readonly #config: AuthenticationConfiguration;

  constructor(config: AuthenticationConfiguration) {
    this.#config = config;
  }

  async onAuthenticate({
    token,
    requestHeaders,
    request,
    context,
    connectionConfig,
    documentName,
  }: onAuthenticatePayload<CollabContext>): Promise<AuthenticatedContext> {
    const { target } = context;
    let valid: ValidSession | null;
    let role: Awaited<ReturnType<MemberStore['role']>> = null;
    try {
      valid = await this.#session(token, requestHeaders);
      if (valid) role = await this.#config.members.role(target.mapId, valid.user.id);
    } catch (error) {
      // Not a refusal: nobody knows yet whether this person may open the map. The provider is
      // told why and its socket closes, so it keeps its local changes and tries again.
      this.#config.logger.warn(
        { err: error, documentName },
        'collaboration connection: the session or role could not be read',
      );
      this.#config.metrics?.reject('auth-storage-unavailable');
      this.#config.closeSocket?.(request, STORAGE_UNAVAILABLE);
      throw new Refusal(STORAGE_UNAVAILABLE.reason);
    }
    if (!valid) throw this.#refuse(UNAUTHENTICATED.reason, documentName);
    if (!canReadDocument(role, target.kind) || role === null) {
      throw this.#refuse(PERMISSION_DENIED_REASON, documentName);
    }
    connectionConfig.readOnly = !canWriteDocument(role, target.kind);
    return {
      target,
      user: {
        id: valid.user.id,
        name: valid.user.name,
        department: valid.user.department,
        guest: valid.user.isGuest,
      },
      role,
      sessionId: valid.session.id,
    };
  }

  /**
   * The role may have changed between authentication and the connection being set up (the
   * document loads in between); such a connection is closed at once so it authenticates again.
   */
  async connected({ connection, context }: connectedPayload<AuthenticatedContext>): Promise<void> {
    const role = await this.#config.members.role(context.target.mapId, context.user.id);
    if (role !== context.role) {
      connection.readOnly = true;
      closeConnection(connection, ACCESS_CHANGED);
    }
  }

  async #session(token: string, headers: Headers): Promise<ValidSession | null> {
    const { auth } = this.#config;
    if (token) return auth.sessions.validate(token);
    const cookie = sessionTokenFromCookieHeader(headers.get('cookie'));
    // A cookie is sent by the browser on its own: only trust it on a same-origin upgrade, so
    // another site cannot open a socket with the user's session (cross-site WebSocket hijacking).
    if (!cookie || classifyOrigin(headers, auth.publicUrl) !== 'same') return null;
    return auth.sessions.validate(cookie);
  }

  #refuse(reason: string, documentName: string): Refusal {
    this.#config.metrics?.reject(`auth-${reason}`);
    this.#config.logger.debug({ documentName, reason }, 'collaboration connection refused');
    return new Refusal(reason);
  }
}
