/**
 * Wall-clock milliseconds with sub-millisecond resolution: performance.timeOrigin + now().
 * Identical within one process; across processes on one machine it differs only by the error
 * of each process's timeOrigin (microseconds), so latencies are computed within one process
 * whenever possible.
 */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Resolves after ms milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves when check() is true (polled every intervalMs), or rejects after timeoutMs. */
export async function waitFor(
  check: () => boolean,
  timeoutMs: number,
  what: string,
  intervalMs = 5,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await sleep(intervalMs);
  }
}

/** Resolves or rejects like promise, or rejects after timeoutMs. */
export async function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms: ${what}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
