import "server-only";

/**
 * Serialises every change to one status list inside this process, so two revocations on the same
 * list can never both read the old bits. (One server process owns the database; a later issue
 * adds row locks for several.)
 */
const tails = new Map<string, Promise<unknown>>();

export function withListLock<T>(listId: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(listId) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  tails.set(listId, tail);
  void tail.then(() => {
    if (tails.get(listId) === tail) tails.delete(listId);
  });
  return run;
}
