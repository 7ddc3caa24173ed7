import { describe, expect, it } from 'vitest';
import {
  MAP_UNAVAILABLE,
  PERMISSION_DENIED_REASON,
  STORAGE_UNAVAILABLE,
} from '../../../shared/close-codes.ts';
import { isMapUnavailable, isStorageUnavailable } from './mapUnavailable.ts';

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

describe('a change the server could not store', () => {
  it('is recognised from the close code or reason, and is not a map that cannot be opened', () => {
    expect(isStorageUnavailable(STORAGE_UNAVAILABLE.code, '')).toBe(true);
    expect(isStorageUnavailable(1000, STORAGE_UNAVAILABLE.reason)).toBe(true);
    expect(isStorageUnavailable(MAP_UNAVAILABLE.code, MAP_UNAVAILABLE.reason)).toBe(false);
    expect(isMapUnavailable(STORAGE_UNAVAILABLE.code, STORAGE_UNAVAILABLE.reason)).toBe(false);
    expect(isStorageUnavailable(1006, '')).toBe(false);
  });
});
