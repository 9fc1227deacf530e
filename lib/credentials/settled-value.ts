/**
 * The values of promises that have fulfilled, for hot paths that can skip an `await` when a cache
 * already holds the answer. Skipping it matters where the next step hands work to another thread:
 * in Node, `crypto.subtle.verify` runs on libuv's thread pool, and a verification that reaches it
 * synchronously can run its other checks while the signature is being checked (verify-credential).
 *
 * Only promises passed through `remember` are known; a rejected one is never known, so callers
 * fall back to awaiting it and meet the rejection there.
 */
const fulfilled = new WeakMap<Promise<unknown>, { value: unknown }>();

/** Records `promise`'s value once it fulfils; returns the same promise. */
export function remember<T>(promise: Promise<T>): Promise<T> {
  promise.then(
    (value) => void fulfilled.set(promise, { value }),
    () => undefined,
  );
  return promise;
}

/** `{ value }` if `promise` went through `remember` and has fulfilled, else undefined. */
export function settledValue<T>(promise: Promise<T>): { value: T } | undefined {
  return fulfilled.get(promise) as { value: T } | undefined;
}
