import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { readRedisUrl, redact } from './redisUrl.ts';

describe('REDIS_URL', () => {
  it('is off when unset or empty', () => {
    expect(readRedisUrl({})).toBeUndefined();
    expect(readRedisUrl({ REDIS_URL: '  ' })).toBeUndefined();
    expect(readConfig({}).redisUrl).toBeUndefined();
  });

  it('takes redis:// and rediss:// URLs, as config.redisUrl', () => {
    expect(readConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    );
    expect(readRedisUrl({ REDIS_URL: 'rediss://user:pw@cache.example:6380/2' })).toBe(
      'rediss://user:pw@cache.example:6380/2',
    );
  });

  it('refuses anything else loudly, without printing the password', () => {
    expect(() => readRedisUrl({ REDIS_URL: 'http://:hunter2@cache.example' })).toThrow(
      'REDIS_URL must be a redis:// or rediss:// URL, got "http://:***@cache.example/"',
    );
    expect(() => readRedisUrl({ REDIS_URL: 'not a url' })).toThrow(
      'REDIS_URL must be a redis:// or rediss:// URL, got "(unparseable)"',
    );
    expect(redact('redis://:hunter2@h:1')).toBe('redis://:***@h:1');
  });
});
