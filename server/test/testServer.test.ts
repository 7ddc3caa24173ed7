import { describe, expect, it } from 'vitest';
import { testStorageFactory } from './testServer.ts';

describe('the storage tests run against', () => {
  it('is SQLite by default and refuses an unknown TEST_STORAGE instead of quietly testing SQLite', () => {
    expect(testStorageFactory('sqlite')).toBeTypeOf('function');
    expect(() => testStorageFactory('oracle')).toThrow(/TEST_STORAGE=oracle: unknown storage kind/);
  });
});
