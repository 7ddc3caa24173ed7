import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseSharedPostgres } from '../test/postgresServer.ts';
import { startTestServer, testStorageFactory, type TestServer } from '../test/testServer.ts';
import { anonymousCall } from '../test/testUser.ts';
import type { Storage, StorageStores } from '../storage/storage.ts';

// Sign-ups with one email at the same moment on PostgreSQL (read committed): every transaction
// can find the email free before any of them commits; the unique index then refuses all but one.

const RACERS = 5;
const EMAIL = 'race@example.test';

/** A property of target as is; methods stay bound to target (its private fields). */
function passThrough(target: object, property: string | symbol): unknown {
  const value: unknown = Reflect.get(target, property);
  return typeof value === 'function'
    ? (value as (...args: unknown[]) => unknown).bind(target)
    : value;
}

/**
 * Holds every sign-up transaction at its email check until all RACERS are there, so they all
 * pass it before any inserts: the race, made certain instead of left to timing.
 */
function racingStorage(storage: Storage): Storage {
  let waiting = 0;
  let release: () => void = () => undefined;
  const allThere = new Promise<void>((resolve) => {
    release = resolve;
  });
  const held = (tx: StorageStores): StorageStores => ({
    ...tx,
    users: new Proxy(tx.users, {
      get(target, property) {
        if (property !== 'byEmail') return passThrough(target, property);
        return async (email: string) => {
          const found = await target.byEmail(email);
          if (email === EMAIL) {
            waiting += 1;
            if (waiting === RACERS) release();
            await allThere;
          }
          return found;
        };
      },
    }),
  });
  return new Proxy(storage, {
    get(target, property) {
      if (property !== 'transaction') return passThrough(target, property);
      return <T>(fn: (tx: StorageStores) => Promise<T>) => target.transaction((tx) => fn(held(tx)));
    },
  });
}

let server: TestServer;

beforeAll(async () => {
  const postgres = testStorageFactory('postgres');
  server = await startTestServer({}, undefined, {
    storage: async (dataDir) => racingStorage(await postgres(dataDir)),
  });
});

afterAll(async () => {
  try {
    await server?.dispose();
  } finally {
    await releaseSharedPostgres();
  }
});

describe('simultaneous sign-ups with one email on PostgreSQL', () => {
  it('create one account and answer every other one 409 email_taken, as for an existing email', async () => {
    const responses = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        anonymousCall(server.url, 'POST', '/api/auth/signup', {
          email: EMAIL,
          password: 'correct horse battery',
          name: `Racer ${i}`,
          department: 'digital',
        }),
      ),
    );
    const answers = await Promise.all(
      responses.map(async (response) => ({ status: response.status, body: await response.json() })),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused).toHaveLength(RACERS - 1);
    for (const answer of refused) {
      expect(answer).toEqual({
        status: 409,
        body: {
          error: {
            code: 'email_taken',
            message: 'an account with this email already exists: sign in instead',
          },
        },
      });
    }
    expect(await server.storage.users.byEmail(EMAIL)).toMatchObject({ email: EMAIL });
    // The same answer as an email that was already there before.
    const later = await anonymousCall(server.url, 'POST', '/api/auth/signup', {
      email: EMAIL,
      password: 'correct horse battery',
      name: 'Late',
      department: 'digital',
    });
    expect({ status: later.status, body: await later.json() }).toEqual(refused[0]);
  });
});
