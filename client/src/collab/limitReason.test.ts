import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_TOO_DEEP,
  DOCUMENT_TOO_LARGE,
  MALFORMED_MESSAGE,
  RATE_LIMITED,
} from '../../../shared/close-codes.ts';
import { limitReason } from './limitReason.ts';

describe('limit close events', () => {
  it('names the limit a person hit from the close code or reason', () => {
    expect(limitReason(RATE_LIMITED.code, '')).toBe('rate-limited');
    expect(limitReason(1000, DOCUMENT_TOO_LARGE.reason)).toBe('document-too-large');
    expect(limitReason(DOCUMENT_TOO_DEEP.code, '')).toBe('nesting-too-deep');
  });

  it('ignores closes that are not a limit (network drops, malformed input)', () => {
    expect(limitReason(1006, '')).toBeNull();
    expect(limitReason(MALFORMED_MESSAGE.code, MALFORMED_MESSAGE.reason)).toBeNull();
  });
});
