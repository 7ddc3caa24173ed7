import {
  DOCUMENT_TOO_DEEP,
  DOCUMENT_TOO_LARGE,
  MESSAGE_TOO_BIG,
  RATE_LIMITED,
  type CloseEvent,
} from '../../../shared/close-codes.ts';

/** Limits the server enforces that a person can hit, by their close reason. */
export type LimitReason =
  'rate-limited' | 'message-too-big' | 'document-too-large' | 'nesting-too-deep';

const LIMIT_CLOSES: readonly CloseEvent[] = [
  RATE_LIMITED,
  MESSAGE_TOO_BIG,
  DOCUMENT_TOO_LARGE,
  DOCUMENT_TOO_DEEP,
];

/** The limit a close event reports, if it is one. */
export function limitReason(code: number, reason: string): LimitReason | null {
  const match = LIMIT_CLOSES.find((limit) => limit.code === code || limit.reason === reason);
  return match ? (match.reason as LimitReason) : null;
}
