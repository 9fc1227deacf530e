import { describe, expect, it } from "vitest";
import { check, resultOf, type Check } from "@/lib/credentials/verification";
import { credentialStatus } from "./credential-status";
import { statusCache } from "./status-cache";

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

const passing: Check[] = [
  check("format", true, "FORMAT_OK"),
  check("signature", true, "SIGNATURE_VALID"),
  check("validity", true, "VALIDITY_OK"),
  check("status", true, "STATUS_ACTIVE"),
  check("anchor", true, "ANCHOR_MATCH"),
  check("trust", true, "TRUST_ACCREDITED"),
];
const replace = (...with_: Check[]) =>
  resultOf(passing.map((c) => with_.find((w) => w.id === c.id) ?? c));

describe("statusCache", () => {
  it("keeps the last definite status with its time, never an unknown one", () => {
    const storage = memoryStorage();
    const at = new Date("2026-05-01T08:00:00Z");
    const valid = credentialStatus({ kind: "checked", result: resultOf(passing) });
    statusCache.write("urn:uuid:a", valid, at, { storage });
    const unknown = credentialStatus({ kind: "unavailable", reason: "offline" });
    statusCache.write("urn:uuid:a", unknown, new Date(), { storage });
    expect(statusCache.read("urn:uuid:a", storage)).toEqual({
      label: "Valid",
      tone: "success",
      checkedAt: at.toISOString(),
    });
    expect(statusCache.read("urn:uuid:b", storage)).toBeUndefined();
  });

  it("keeps what replaced a superseded credential, so the chain is still named offline", () => {
    const storage = memoryStorage();
    const correction = {
      credentialId: "urn:uuid:a",
      supersededBy: "urn:uuid:b",
      at: "2026-05-01T08:00:00.000Z",
      reason: "superseded" as const,
    };
    const revoked = resultOf(
      passing.map((c) => (c.id === "status" ? check("status", false, "REVOKED") : c)),
    );
    const superseded = credentialStatus({ kind: "checked", result: revoked }, correction);
    statusCache.write("urn:uuid:a", superseded, new Date(), { storage, correction });
    expect(statusCache.read("urn:uuid:a", storage)).toMatchObject({
      label: "Superseded",
      supersededBy: "urn:uuid:b",
      supersededAt: "2026-05-01T08:00:00.000Z",
    });
    // A plain revocation never records a correction, whatever is passed along.
    const plain = credentialStatus({ kind: "checked", result: revoked });
    statusCache.write("urn:uuid:c", plain, new Date(), { storage, correction });
    expect(statusCache.read("urn:uuid:c", storage)?.supersededBy).toBeUndefined();
  });

  it("survives garbage in storage", () => {
    const storage = memoryStorage();
    storage.setItem("vitae.wallet.status-cache.v1", "{not json");
    expect(statusCache.read("urn:uuid:a", storage)).toBeUndefined();
    storage.setItem("vitae.wallet.status-cache.v1", JSON.stringify({ a: { label: "Valid" } }));
    expect(statusCache.read("a", storage)).toBeUndefined();
  });

  it("stands in only when the live check could not reach its sources", () => {
    const cached = {
      label: "Valid" as const,
      tone: "success" as const,
      checkedAt: "2026-05-01T08:00:00.000Z",
    };
    const offline = {
      kind: "checked" as const,
      result: replace(
        check("status", null, "STATUS_LIST_UNAVAILABLE"),
        check("anchor", null, "LEDGER_UNAVAILABLE"),
      ),
    };
    expect(statusCache.fallback(offline, cached, true)).toBe(cached);
    expect(statusCache.fallback({ kind: "unavailable", reason: "x" }, cached, true)).toBe(cached);
    // No cache: stays unknown.
    expect(statusCache.fallback(offline, undefined, false)).toBeUndefined();
    // A definite failure (revoked) wins over any cache, online or not.
    const revoked = {
      kind: "checked" as const,
      result: replace(check("status", false, "REVOKED")),
    };
    expect(statusCache.fallback(revoked, cached, false)).toBeUndefined();
    // An unknown for another reason (e.g. a stale list) is shown as it is while online...
    const stale = {
      kind: "checked" as const,
      result: replace(check("anchor", null, "STATUS_LIST_STALE")),
    };
    expect(statusCache.fallback(stale, cached, true)).toBeUndefined();
    // ...and a live valid result needs no cache.
    const live = { kind: "checked" as const, result: resultOf(passing) };
    expect(statusCache.fallback(live, cached, false)).toBeUndefined();
  });
});
