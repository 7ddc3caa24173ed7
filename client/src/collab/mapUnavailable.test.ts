import { describe, expect, it } from 'vitest';
import { MAP_UNAVAILABLE, PERMISSION_DENIED_REASON } from '../../../shared/close-codes.ts';
import { isMapUnavailable } from './mapUnavailable.ts';

describe('a map the server cannot load', () => {
  it('is recognised from the close code, the close reason or the refusal reason', () => {
    expect(isMapUnavailable(MAP_UNAVAILABLE.code, '')).toBe(true);
    expect(isMapUnavailable(1000, MAP_UNAVAILABLE.reason)).toBe(true);
    expect(isMapUnavailable(null, MAP_UNAVAILABLE.reason)).toBe(true);
  });

  it('is not confused with a network drop or a refused member', () => {
    expect(isMapUnavailable(1006, '')).toBe(false);
    expect(isMapUnavailable(null, PERMISSION_DENIED_REASON)).toBe(false);
  });
});
