import { describe, expect, it } from "vitest";
import { CHALLENGE_TTL_MS, createNonceStore } from "./nonce-store";

describe("createNonceStore", () => {
  it("issues unguessable 256-bit challenges bound to a domain, with an explicit expiry", () => {
    let t = Date.parse("2026-06-01T12:00:00Z");
    const store = createNonceStore({ now: () => new Date(t) });
    const a = store.issue("https://hospital.example");
    const b = store.issue("https://hospital.example");
    expect(a.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.challenge).not.toBe(b.challenge);
    expect(a.expiresAt.getTime()).toBe(t + CHALLENGE_TTL_MS);
    expect(store.peek(a.challenge)).toMatchObject({ domain: "https://hospital.example" });
    t += 1000;
    expect(store.consume(a.challenge)).toBe(true);
    expect(store.consume(a.challenge)).toBe(false);
    expect(store.peek(a.challenge)).toBeUndefined();
    expect(store.consume("never-issued")).toBe(false);
  });

  it("refuses a challenge answered after it expired", () => {
    let t = 0;
    const store = createNonceStore({ now: () => new Date(t), ttlMs: 60_000 });
    const { challenge } = store.issue("d");
    t = 60_000;
    expect(store.peek(challenge)).toBeUndefined();
    expect(store.consume(challenge)).toBe(false);
  });

  it("keeps at most maxEntries outstanding challenges, dropping the oldest", () => {
    const store = createNonceStore({ maxEntries: 2 });
    const [a, b, c] = [store.issue("d"), store.issue("d"), store.issue("d")];
    expect(store.consume(a.challenge)).toBe(false);
    expect(store.consume(b.challenge)).toBe(true);
    expect(store.consume(c.challenge)).toBe(true);
  });
});
