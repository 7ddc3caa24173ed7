import crypto from 'node:crypto';
import { promisify } from 'node:util';

const argon2 = promisify(crypto.argon2);

/** argon2id cost parameters: OWASP's first recommendation (m=19 MiB, t=2, p=1). */
export const ARGON2_PARAMS = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 } as const;

/** Bytes of random salt per password. */
export const SALT_BYTES = 16;

/** Shortest password accepted at sign-up and on change. */
export const MIN_PASSWORD_LENGTH = 10;

/** Longest password accepted (bounds hashing work per request). */
export const MAX_PASSWORD_LENGTH = 256;

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * Hashes a password with argon2id and a fresh random salt; returns the PHC string
 * `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` (unpadded base64), which keeps its own parameters
 * so they can be raised later without breaking stored hashes.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const { memory, passes, parallelism, tagLength } = ARGON2_PARAMS;
  const hash = await argon2('argon2id', {
    message: password,
    nonce: salt,
    memory,
    passes,
    parallelism,
    tagLength,
  });
  return `$argon2id$v=19$m=${memory},t=${passes},p=${parallelism}$${b64(salt)}$${b64(hash)}`;
}

/** Checks a password against a stored PHC string in constant time; false for malformed hashes. */
export async function verifyPassword(encoded: string, password: string): Promise<boolean> {
  const match = PHC.exec(encoded);
  if (!match) return false;
  const [, m, t, p, saltText, hashText] = match;
  const expected = Buffer.from(hashText ?? '', 'base64');
  const actual = await argon2('argon2id', {
    message: password,
    nonce: Buffer.from(saltText ?? '', 'base64'),
    memory: Number(m),
    passes: Number(t),
    parallelism: Number(p),
    tagLength: expected.length,
  });
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a hash of a random password and returns false: used when the email is unknown,
 * so a failed login takes as long whether or not the account exists.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
  return false;
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}
