import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMemoryDatabase, type DbHandle } from "@/lib/db/client";
import { createChallengeStore } from "./challenge-store";

let handle: DbHandle;
beforeAll(async () => {
  handle = await openMemoryDatabase();
});
afterAll(async () => {
  await handle?.close();
});

describe("the server's challenge store", () => {
  it("accepts a challenge once, also from a second store on the same database", async () => {
    const first = createChallengeStore(handle.db);
    const issued = await first.issue("https://verifier.test");
    expect(issued.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await first.peek(issued.challenge))?.domain).toBe("https://verifier.test");

    const restarted = createChallengeStore(handle.db); // another process, or after a restart
    const results = await Promise.all([
      restarted.consume(issued.challenge),
      first.consume(issued.challenge),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await first.consume(issued.challenge)).toBe(false);
    expect(await first.peek(issued.challenge)).toBeUndefined();
  });

  it("refuses an expired challenge and one it never issued", async () => {
    let now = new Date("2026-11-24T10:00:00Z");
    const store = createChallengeStore(handle.db, { ttlMs: 60_000, now: () => now });
    const issued = await store.issue("https://verifier.test");
    now = new Date(now.getTime() + 61_000);
    expect(await store.consume(issued.challenge)).toBe(false);
    expect(await store.consume("made-up-nonce")).toBe(false);
  });
});
