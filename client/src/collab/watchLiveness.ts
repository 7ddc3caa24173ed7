import { WebSocketStatus, type HocuspocusProvider } from '@hocuspocus/provider';
import { CONNECTION_SILENT } from '../../../shared/close-codes.ts';
import { LIVENESS_PING } from '../../../shared/liveness.ts';
import { Liveness, LIVENESS_TIMING, type LivenessTiming } from './liveness.ts';

/** What the environment can tell about the network and the page (see browserHints.ts). */
export interface LivenessHints {
  /** Calls back when the device goes offline or back online; returns an unsubscribe. */
  onNetwork(callback: (online: boolean) => void): () => void;
  /** Calls back when the page is hidden or shown; returns an unsubscribe. */
  onVisibility(callback: (visible: boolean) => void): () => void;
  /** Whether the page is visible now. */
  visible(): boolean;
}

/** How watchLiveness is set up; every field has a default. */
export interface LivenessOptions {
  timing?: LivenessTiming;
  /** Browser hints; without them (Node) the socket is judged by its silence alone. */
  hints?: LivenessHints;
  now?: () => number;
}

/**
 * Makes the provider give up a socket that went silent, so its status (and the badge) says
 * disconnected within seconds rather than after TCP or its own 30 s timeout, and it reconnects.
 * Hocuspocus only reacts to the socket's close event, which a browser fires on a dead connection
 * only when its closing handshake times out; so we hand the provider that event, the same path a
 * real close takes (it forgets peers' presence, then retries), and the provider closes the socket.
 */
export function dropSilentSocket(provider: HocuspocusProvider): void {
  const socket = provider.configuration.websocketProvider.webSocket;
  socket?.dispatchEvent(
    new CloseEvent('close', { code: CONNECTION_SILENT.code, reason: CONNECTION_SILENT.reason }),
  );
}

/**
 * Watches the provider's socket: after a second without hearing from the server it sends a
 * stateless ping (the server's LivenessExtension answers it), and after two it drops the socket
 * (dropSilentSocket). The browser's offline event drops it at once and its online event
 * reconnects at once, skipping the provider's back-off. Nothing is judged or sent while the page
 * is hidden. Returns a function that stops watching.
 */
export function watchLiveness(
  provider: HocuspocusProvider,
  { timing = LIVENESS_TIMING, hints, now = Date.now }: LivenessOptions = {},
): () => void {
  const socket = provider.configuration.websocketProvider;
  const liveness = new Liveness(timing);
  const visible = () => hints?.visible() ?? true;
  let open = socket.status === WebSocketStatus.Connected;
  if (open && visible()) liveness.start(now());

  const onStatus = ({ status }: { status: WebSocketStatus }) => {
    open = status === WebSocketStatus.Connected;
    if (open && visible()) liveness.start(now());
    else if (!open) liveness.stop();
  };
  const onMessage = () => liveness.heard(now());
  // A refused document gets no answers: there is nothing to judge until the next connection.
  const onRefused = () => {
    open = false;
    liveness.stop();
  };
  provider.on('status', onStatus);
  provider.on('message', onMessage);
  provider.on('authenticationFailed', onRefused);

  const timer = setInterval(() => {
    const verdict = liveness.check(now());
    if (verdict === 'ping') provider.sendStateless(LIVENESS_PING);
    else if (verdict === 'silent') dropSilentSocket(provider);
  }, timing.checkEveryMs);

  const unsubscribeNetwork = hints?.onNetwork((online) => {
    if (!online) {
      liveness.stop();
      dropSilentSocket(provider);
    } else {
      void socket.connect();
    }
  });
  const unsubscribeVisibility = hints?.onVisibility((isVisible) => {
    if (!isVisible) liveness.stop();
    else if (open) liveness.start(now());
  });

  return () => {
    clearInterval(timer);
    provider.off('status', onStatus);
    provider.off('message', onMessage);
    provider.off('authenticationFailed', onRefused);
    unsubscribeNetwork?.();
    unsubscribeVisibility?.();
  };
}
