import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.ts';

describe('password hashing', () => {
  it('stores argon2id with m=19456 KiB, t=2, p=1, a 16-byte salt and a 32-byte hash', async () => {
    const encoded = await hashPassword('correct horse battery');
    const match = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$([^$]+)\$([^$]+)$/.exec(encoded);
    expect(match, encoded).not.toBeNull();
    expect(Buffer.from(match?.[1] ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(match?.[2] ?? '', 'base64')).toHaveLength(32);
  });

  it('produces the same hash as node:crypto argon2id with the stored salt and parameters', async () => {
    const encoded = await hashPassword('correct horse battery');
    const [, , , , salt, hash] = encoded.split('$');
    const expected = crypto.argon2Sync('argon2id', {
      message: 'correct horse battery',
      nonce: Buffer.from(salt ?? '', 'base64'),
      memory: 19456,
      passes: 2,
      parallelism: 1,
      tagLength: 32,
    });
    expect(Buffer.from(hash ?? '', 'base64').equals(expected)).toBe(true);
  });

  it('uses a fresh salt per hash, so equal passwords hash differently', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password!'),
      hashPassword('same password!'),
    ]);
    expect(a).not.toBe(b);
  });

  it('accepts the right password and rejects a wrong one or a malformed hash', async () => {
    const encoded = await hashPassword('correct horse battery');
    expect(await verifyPassword(encoded, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(encoded, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword('not a hash', 'correct horse battery')).toBe(false);
    expect(await verifyAgainstDummy('anything at all')).toBe(false);
  });
});
