import { afterEach, describe, expect, it, vi } from "vitest";
import { LedgerUnavailableError, type AnchorRecord } from "@/lib/ledger/reader";
import { decodeBitstring, encodeBitstring, setBit } from "@/lib/status/bitstring";
import { checkCachedStatus, checkStatus } from "@/lib/status/check-status";
import {
  anchorOf,
  fakeLedger,
  fixtures,
  happyDeps,
  ISSUER_DID_URL,
  ISSUER_KID,
  mapFetch,
  NOW,
  OTHER_ACCOUNT,
  payloadOf,
  reissue,
  REVOCATION_LIST_URL,
  ROGUE_DID,
  ROGUE_KID,
  signJwt,
  SUSPENSION_LIST_URL,
  type Route,
} from "./__fixtures__/harness";
import { decodeCredential } from "./decode-credential";
import type { DecodedCredential } from "./schemas";
import type { Check, VerificationResult } from "./verification";
import {
  createVerificationContext,
  STATUS_FAILURE_TTL_MS,
  STATUS_READING_TTL_MS,
} from "./verification-context";
import { verifyCredential, type VerifyCredentialDeps } from "./verify-credential";

const { jwts } = fixtures;

/** A check without the context's freshness facts, which a fresh check does not state. */
function plain(check: Check) {
  const { readAt: _readAt, maxAgeSeconds: _maxAge, ...details } = check.details ?? {};
  return { ...check, details };
}

function outcome(result: VerificationResult) {
  return { verified: result.verified, checks: result.checks.map(plain) };
}

function anchorOf2(result: VerificationResult): Check {
  return result.checks.find((c) => c.id === "anchor")!;
}

function statusOf(result: VerificationResult): Check {
  return result.checks.find((c) => c.id === "status")!;
}

/** A revocation list variant, signed by the issuer. */
function revocationList(change: (p: Record<string, unknown>) => void): Promise<string> {
  const payload = structuredClone(payloadOf(jwts.revocationList));
  change(payload);
  return signJwt(
    { alg: "EdDSA", typ: "JWT", kid: ISSUER_KID },
    payload,
    fixtures.issuerKey.privateJwk,
  );
}

const rogueCredential = () =>
  reissue(
    (p) => {
      p.iss = ROGUE_DID;
      p.vc.issuer = ROGUE_DID;
    },
    { alg: "EdDSA", typ: "JWT", kid: ROGUE_KID },
    fixtures.rogueKey.privateJwk,
  );

const tampered = () => {
  const [h, , s] = jwts.credential.split(".");
  return `${h}.${jwts.revokedCredential.split(".")[1]}.${s}`;
};

type Scenario = {
  name: string;
  deps: () => Promise<Partial<VerifyCredentialDeps> & { routes?: Record<string, Route> }>;
};

const scenarios: Scenario[] = [
  { name: "every source sound", deps: async () => ({}) },
  {
    name: "a list issued by another DID",
    deps: async () => ({ routes: { [REVOCATION_LIST_URL]: jwts.rogueRevocationList } }),
  },
  {
    name: "an older list anchored as v3",
    deps: async () => ({
      ledger: fakeLedger([
        await anchorOf(REVOCATION_LIST_URL, "an older version of the list", undefined, 3),
        await anchorOf(SUSPENSION_LIST_URL, jwts.suspensionList),
      ]),
    }),
  },
  {
    name: "the ledger down",
    deps: async () => ({
      ledger: fakeLedger(() => {
        throw new LedgerUnavailableError("ledger unavailable at 127.0.0.1:8545: fetch failed");
      }),
    }),
  },
  { name: "no anchor at all", deps: async () => ({ ledger: fakeLedger([]) }) },
  {
    name: "a foreign anchor owner",
    deps: async () => ({
      ledger: fakeLedger([
        await anchorOf(REVOCATION_LIST_URL, jwts.revocationList, OTHER_ACCOUNT),
        await anchorOf(SUSPENSION_LIST_URL, jwts.suspensionList),
      ]),
    }),
  },
  {
    name: "a stale list",
    deps: async () => {
      const stale = await revocationList((p) => {
        p.exp = NOW.getTime() / 1000 - 3600;
      });
      return {
        routes: { [REVOCATION_LIST_URL]: stale },
        ledger: fakeLedger([
          await anchorOf(REVOCATION_LIST_URL, stale),
          await anchorOf(SUSPENSION_LIST_URL, jwts.suspensionList),
        ]),
      };
    },
  },
  {
    name: "an unreachable list",
    deps: async () => ({ routes: { [REVOCATION_LIST_URL]: { status: 503 } } }),
  },
];

describe("verification context", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(scenarios.map((s) => [s.name, s] as const))(
    "gives every credential exactly the answer a fresh check gives (%s)",
    async (_name, scenario) => {
      const inputs = await Promise.all([
        jwts.credential,
        jwts.revokedCredential,
        jwts.suspendedCredential,
        tampered(),
        rogueCredential(),
        jwts.credential,
      ]);
      const fresh = [];
      for (const jwt of inputs) {
        const { deps } = await happyDeps(await scenario.deps());
        fresh.push(outcome(await verifyCredential(jwt, deps)));
      }
      const { deps } = await happyDeps(await scenario.deps());
      const shared = { ...deps, context: createVerificationContext() };
      const sequential = [];
      for (const jwt of inputs) sequential.push(outcome(await verifyCredential(jwt, shared)));
      const batched = await Promise.all(inputs.map((jwt) => verifyCredential(jwt, shared)));
      expect(sequential).toEqual(fresh);
      expect(batched.map(outcome)).toEqual(fresh);
    },
  );

  it("reads each list, its anchor and the DID document once for a batch, and verifies each list once", async () => {
    const { deps, calls, ledger } = await happyDeps();
    const verify = vi.spyOn(crypto.subtle, "verify");
    const context = createVerificationContext();
    const batch = Array.from(
      { length: 40 },
      (_, i) => [jwts.credential, jwts.revokedCredential, jwts.suspendedCredential][i % 3]!,
    );
    const results = await Promise.all(
      batch.map((jwt) => verifyCredential(jwt, { ...deps, context })),
    );
    expect(results.map((r) => statusOf(r).code)).toEqual(
      batch.map((jwt) =>
        jwt === jwts.credential
          ? "STATUS_ACTIVE"
          : jwt === jwts.revokedCredential
            ? "REVOKED"
            : "SUSPENDED",
      ),
    );
    expect([...calls].sort()).toEqual(
      [ISSUER_DID_URL, REVOCATION_LIST_URL, SUSPENSION_LIST_URL].sort(),
    );
    expect(ledger.queries).toHaveLength(2);
    // one signature per credential, one per list
    expect(verify).toHaveBeenCalledTimes(batch.length + 2);
  });

  it("states when the list and anchor were read and for how long they are reused", async () => {
    let now = NOW.getTime();
    const { deps } = await happyDeps({ now: () => new Date(now) });
    const context = createVerificationContext();
    const first = await verifyCredential(jwts.credential, { ...deps, context });
    now += 10_000;
    const second = await verifyCredential(jwts.credential, { ...deps, context });
    for (const result of [first, second]) {
      expect(anchorOf2(result).details).toMatchObject({
        readAt: NOW.toISOString(),
        maxAgeSeconds: STATUS_READING_TTL_MS / 1000,
      });
    }
    // the anchor's age is the age at each check, not at the reading
    expect(Number(anchorOf2(second).details?.anchorAgeSeconds)).toBe(
      Number(anchorOf2(first).details?.anchorAgeSeconds) + 10,
    );
  });

  it("sees a revocation once the reading is older than its TTL, never a half-updated pair", async () => {
    let now = NOW.getTime();
    const routes = new Map<string, Route>([
      [ISSUER_DID_URL, JSON.stringify(fixtures.issuerDid)],
      [REVOCATION_LIST_URL, jwts.revocationList],
      [SUSPENSION_LIST_URL, jwts.suspensionList],
    ]);
    const records = new Map<`0x${string}`, AnchorRecord>([
      await anchorOf(REVOCATION_LIST_URL, jwts.revocationList),
      await anchorOf(SUSPENSION_LIST_URL, jwts.suspensionList),
    ]);
    const served = mapFetch(routes);
    const ledger = {
      latest: async (key: `0x${string}`) => records.get(key) ?? null,
      history: async () => [],
    };
    const { deps } = await happyDeps({ now: () => new Date(now) });
    const live = { ...deps, fetch: served.fetch, ledger, context: createVerificationContext() };

    expect((await verifyCredential(jwts.credential, live)).verified).toBe(true);

    // The issuer revokes this credential: v2 of the revocation list, published and anchored.
    const entries = (
      payloadOf(jwts.credential) as { vc: { credentialStatus: Array<Record<string, string>> } }
    ).vc.credentialStatus;
    const index = Number(entries.find((e) => e.statusPurpose === "revocation")!.statusListIndex);
    const v2 = await revocationList((p) => {
      p.statusListVersion = 2;
      const subject = (p.vc as { credentialSubject: { encodedList: string } }).credentialSubject;
      const bits = decodeBitstring(subject.encodedList);
      setBit(bits, index, true);
      subject.encodedList = encodeBitstring(bits);
    });
    routes.set(REVOCATION_LIST_URL, v2);
    const [key, record] = await anchorOf(REVOCATION_LIST_URL, v2, undefined, 2);
    records.set(key, record);

    now += STATUS_READING_TTL_MS - 1_000;
    const cached = await verifyCredential(jwts.credential, live);
    // still the earlier reading, list and anchor together: active and matching, not a mismatch
    expect(statusOf(cached).code).toBe("STATUS_ACTIVE");
    expect(anchorOf2(cached)).toMatchObject({ ok: true, details: { version: 1 } });

    now += 2_000;
    const reread = await verifyCredential(jwts.credential, live);
    expect(statusOf(reread)).toMatchObject({ ok: false, code: "REVOKED" });
    expect(anchorOf2(reread)).toMatchObject({
      ok: true,
      code: "ANCHOR_MATCH",
      details: { version: 2, readAt: new Date(now).toISOString() },
    });
    expect(served.calls.filter((u) => u === REVOCATION_LIST_URL)).toHaveLength(2);
  });

  it("applies the list's own validity at each credential's time, even from a reused reading", async () => {
    let now = NOW.getTime();
    const expiring = await revocationList((p) => {
      p.exp = NOW.getTime() / 1000 + 5;
    });
    const { deps } = await happyDeps({
      now: () => new Date(now),
      clockSkewSeconds: 0,
      routes: { [REVOCATION_LIST_URL]: expiring },
      ledger: fakeLedger([
        await anchorOf(REVOCATION_LIST_URL, expiring),
        await anchorOf(SUSPENSION_LIST_URL, jwts.suspensionList),
      ]),
    });
    const context = createVerificationContext();
    const before = await verifyCredential(jwts.credential, { ...deps, context });
    expect(before.verified).toBe(true);
    now += 6_000;
    const after = await verifyCredential(jwts.credential, { ...deps, context });
    expect(statusOf(after)).toMatchObject({ ok: null, code: "STATUS_LIST_STALE" });
    expect(anchorOf2(after)).toMatchObject({
      ok: null,
      code: "STATUS_LIST_STALE",
      details: { withinValidity: false },
    });
  });

  it("keeps a failed ledger read only briefly", async () => {
    let now = NOW.getTime();
    let down = true;
    const records = new Map([
      await anchorOf(REVOCATION_LIST_URL, jwts.revocationList),
      await anchorOf(SUSPENSION_LIST_URL, jwts.suspensionList),
    ]);
    const queries: string[] = [];
    const ledger = {
      async latest(key: `0x${string}`) {
        queries.push(key);
        if (down) throw new LedgerUnavailableError("ledger unavailable at 127.0.0.1:8545");
        return records.get(key) ?? null;
      },
      async history() {
        return [];
      },
    };
    const { deps } = await happyDeps({ now: () => new Date(now), ledger });
    const context = createVerificationContext();
    const first = await verifyCredential(jwts.credential, { ...deps, context });
    expect(anchorOf2(first)).toMatchObject({ ok: null, code: "LEDGER_UNAVAILABLE" });
    down = false;
    now += STATUS_FAILURE_TTL_MS - 1_000;
    expect(anchorOf2(await verifyCredential(jwts.credential, { ...deps, context })).code).toBe(
      "LEDGER_UNAVAILABLE",
    );
    expect(queries).toHaveLength(2);
    now += 2_000;
    expect((await verifyCredential(jwts.credential, { ...deps, context })).verified).toBe(true);
    expect(queries).toHaveLength(4);
  });

  it("does not keep a list signature it could not check because the DID document failed", async () => {
    let failures = 1;
    const { deps } = await happyDeps({
      routes: {
        [ISSUER_DID_URL]: async () =>
          failures-- > 0
            ? new Response("", { status: 502 })
            : new Response(JSON.stringify(fixtures.issuerDid)),
      },
    });
    const context = createVerificationContext();
    const first = await verifyCredential(jwts.credential, { ...deps, context });
    expect(first.checks.find((c) => c.id === "signature")?.code).toBe("DID_NOT_RESOLVED");
    expect((await verifyCredential(jwts.credential, { ...deps, context })).verified).toBe(true);
  });

  it("checks each credential's issuer against a shared list: a rogue credential gets no free pass", async () => {
    const { deps } = await happyDeps();
    const context = createVerificationContext();
    expect((await verifyCredential(jwts.credential, { ...deps, context })).verified).toBe(true);
    const rogue = await verifyCredential(await rogueCredential(), { ...deps, context });
    expect(rogue.checks.find((c) => c.id === "signature")?.ok).toBe(true);
    expect(statusOf(rogue)).toMatchObject({ ok: null, code: "STATUS_LIST_ISSUER_MISMATCH" });
  });

  it("serves only the sources it was first used with", async () => {
    const { deps } = await happyDeps();
    const other = await happyDeps();
    const context = createVerificationContext();
    await verifyCredential(jwts.credential, { ...deps, context });
    await verifyCredential(jwts.credential, { ...other.deps, context });
    expect(other.calls).toContain(REVOCATION_LIST_URL);
    expect(other.ledger.queries).toHaveLength(2);
  });

  describe("checkCachedStatus (the answer from settled readings, used while a signature is checked)", () => {
    const credentialOf = (jwt: string): DecodedCredential => {
      const decoded = decodeCredential(jwt);
      if (!decoded.ok) throw new Error(decoded.message);
      return decoded.credential;
    };

    it.each(scenarios.map((s) => [s.name, s] as const))(
      "answers as checkStatus does, and reads nothing (%s)",
      async (_name, scenario) => {
        const { deps, calls, ledger } = await happyDeps(await scenario.deps());
        const context = createVerificationContext();
        const warm = { ...deps, context };
        await verifyCredential(jwts.credential, warm);
        const reads = { fetches: calls.length, ledger: ledger.queries.length };
        for (const jwt of [jwts.credential, jwts.revokedCredential, jwts.suspendedCredential]) {
          const credential = credentialOf(jwt);
          const cached = checkCachedStatus(credential, warm);
          expect(cached).toBeDefined();
          expect(cached).toEqual(await checkStatus(credential, warm));
        }
        expect({ fetches: calls.length, ledger: ledger.queries.length }).toEqual(reads);
      },
    );

    it("is undefined whenever answering would take a read, and starts none", async () => {
      let now = NOW.getTime();
      const { deps, calls, ledger } = await happyDeps({ now: () => new Date(now) });
      const credential = credentialOf(jwts.credential);
      // No context, and a context that has read nothing yet.
      expect(checkCachedStatus(credential, deps)).toBeUndefined();
      const context = createVerificationContext();
      const shared = { ...deps, context };
      expect(checkCachedStatus(credential, shared)).toBeUndefined();
      expect(calls).toEqual([]);
      expect(ledger.queries).toEqual([]);

      // While the lists are still being read.
      const reading = checkStatus(credential, shared);
      expect(checkCachedStatus(credential, shared)).toBeUndefined();
      await reading;
      expect(checkCachedStatus(credential, shared)?.status.code).toBe("STATUS_ACTIVE");

      // An issuer the shared lists have no verdict for yet: the full check makes it.
      const rogue = credentialOf(await rogueCredential());
      expect(checkCachedStatus(rogue, shared)).toBeUndefined();

      // A status type other than Bitstring.
      const other = structuredClone(credential);
      other.vc.credentialStatus = { id: "x", type: "StatusList2021Entry" };
      expect(checkCachedStatus(other, shared)).toBeUndefined();

      // Past the reading's TTL.
      now += STATUS_READING_TTL_MS;
      const before = calls.length;
      expect(checkCachedStatus(credential, shared)).toBeUndefined();
      expect(calls).toHaveLength(before);
    });

    it("never lets a warm status stand in for a signature that fails", async () => {
      const { deps } = await happyDeps();
      const context = createVerificationContext();
      await verifyCredential(jwts.credential, { ...deps, context });
      const result = await verifyCredential(tampered(), { ...deps, context });
      expect(result.verified).toBe(false);
      expect(result.checks.map((c) => [c.id, c.ok])).toEqual([
        ["format", true],
        ["signature", false],
        ["validity", null],
        ["status", null],
        ["anchor", null],
        ["trust", null],
      ]);
    });
  });
});
