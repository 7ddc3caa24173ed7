/**
 * The message size cap is enforced by the WebSocket library itself (ws `maxPayload`, set from
 * CollabLimits.maxMessageBytes): it stops reading the frame at the limit, closes that connection
 * with 1009 and reports an error. This recognises that error so it is logged and counted.
 */
export function isMessageTooBig(error: unknown): boolean {
  const text =
    error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error);
  return /Max payload size exceeded|WS_ERR_UNSUPPORTED_MESSAGE_LENGTH/.test(text);
}
