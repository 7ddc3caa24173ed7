import { describe, expect, it } from 'vitest';
import { KeyedTokenBuckets, TokenBucket } from './tokenBucket.ts';

function fakeClock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBucket', () => {
  it('allows a burst, then the sustained rate, and says when the next token comes', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ perSecond: 10, burst: 5 }, clock.now);
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    expect(bucket.msUntil()).toBe(100);

    clock.advance(100);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);

    clock.advance(10_000);
    expect(bucket.isFull()).toBe(true);
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('charges costs above one and refuses a cost it cannot cover without taking anything', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ perSecond: 1_000, burst: 4_000 }, clock.now);
    expect(bucket.take(3_000)).toBe(true);
    expect(bucket.take(2_000)).toBe(false);
    expect(bucket.take(1_000)).toBe(true);
  });
});

describe('KeyedTokenBuckets', () => {
  it('keeps one budget per key', () => {
    const clock = fakeClock();
    const buckets = new KeyedTokenBuckets({ perSecond: 1, burst: 2 }, { now: clock.now });
    expect(buckets.take('a')).toBe(true);
    expect(buckets.take('a')).toBe(true);
    expect(buckets.take('a')).toBe(false);
    expect(buckets.take('b')).toBe(true);
    expect(buckets.msUntil('a')).toBe(1_000);
  });

  it('stays bounded in memory: forgets full buckets first, then the oldest keys', () => {
    const clock = fakeClock();
    const buckets = new KeyedTokenBuckets(
      { perSecond: 1, burst: 1 },
      { now: clock.now, maxKeys: 3 },
    );
    for (const key of ['a', 'b', 'c']) buckets.take(key);
    clock.advance(5_000); // every bucket refilled: nothing worth remembering
    buckets.take('d');
    expect(buckets.size).toBe(1);

    for (const key of ['e', 'f']) buckets.take(key);
    buckets.take('g'); // all three still throttled: the oldest ('d') makes room
    expect(buckets.size).toBe(3);
    expect(buckets.take('e')).toBe(false);
  });
});
