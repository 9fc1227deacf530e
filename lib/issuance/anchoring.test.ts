import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCredential } from "@/lib/credentials/decode-credential";
import { createDidResolver } from "@/lib/credentials/resolve-did";
import { statusChanges, statusListVersions } from "@/lib/db/schema";
import { sha256Hex, statusListKey } from "@/lib/ledger/reader";
import { decodeBitstring, encodeBitstring, getBit } from "@/lib/status/bitstring";
import { checkStatus } from "@/lib/status/check-status";
import { startAnvil, type Anvil } from "@/scripts/support/anvil";
import {
  freePort,
  startTestChain,
  startTestServices,
  TEST_PUBLIC_URL,
  TEST_SECRET,
  type TestChain,
} from "@/scripts/support/test-stack";
import { findIssuer, type Issuer } from "./authenticate-issuer";
import { changeCredentialStatus } from "./change-status";
import { issueCredential } from "./issue-credential";
import { localSourcesFetch } from "./local-sources-fetch";
import { verifyOnServer } from "./server-verifier";
import { createServices, type IssuanceServices } from "./services";
import { servedVersion, statusListUrl } from "./status-lists";
import { signJwtVc } from "./sign-jwt-vc";

/**
 * The anchoring outbox on a real anvil and PGlite: no lost updates under concurrency, nothing
 * lost through a chain outage and a server restart, and tampering by the issuer's own server
 * reported by verification.
 */

const subject = { name: "Dr Test", licenseNumber: "EL-1", jurisdiction: "Eastland" };

function codes(result: { checks: Array<{ id: string; code: string; ok: boolean | null }> }) {
  return Object.fromEntries(result.checks.map((c) => [c.id, `${c.ok}:${c.code}`]));
}

async function issueMany(svc: IssuanceServices, issuer: Issuer, n: number, concurrency = 20) {
  const issued: Awaited<ReturnType<typeof issueCredential>>[] = [];
  for (let i = 0; i < n; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, n - i) }, (_, j) =>
      issueCredential(svc, issuer, {
        type: "MedicalLicenseCredential",
        subject: { ...subject, licenseNumber: `EL-${i + j}` },
      }),
    );
    issued.push(...(await Promise.all(batch)));
  }
  return issued;
}

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("1,000 concurrent revocations over 10 lists", () => {
  let chain: TestChain;
  let svc: IssuanceServices;
  let close: () => Promise<void>;

  beforeAll(async () => {
    chain = await startTestChain();
    // 100 credentials per series, so 1,000 credentials fill 10 revocation lists.
    const started = await startTestServices(chain, {
      statusLists: { capacity: 100 },
      anchoring: { batchWindowMs: 200 },
    });
    svc = started.svc;
    close = started.db.close;
  });
  afterAll(async () => {
    await close?.();
    await chain?.stop();
  });

  it("sets every bit, batches versions, and serves exactly what is anchored", async () => {
    const issuer = await findIssuer(svc, "eastland-licensing");
    const issued = await issueMany(svc, issuer, 1_000);
    const lists = new Set(issued.map((c) => c.status.listId));
    expect(lists.size).toBe(10); // a full list opened the next series
    await svc.anchoring.sweep();

    const changes = await Promise.all(
      issued.map((c) =>
        changeCredentialStatus(svc, issuer, c.id, "revoke", "test", { waitMs: 60_000 }),
      ),
    );
    expect(changes.filter((c) => c.state !== "anchored")).toEqual([]);

    const [waiting] = await svc.db
      .select({ n: count() })
      .from(statusChanges)
      .where(isNull(statusChanges.version));
    expect(waiting?.n).toBe(0);

    let versions = 0;
    for (const listId of lists) {
      const served = await servedVersion(svc, listId);
      const decoded = decodeCredential(served.jwt);
      if (!decoded.ok) throw new Error(decoded.message);
      const bits = decodeBitstring(decoded.credential.vc.credentialSubject.encodedList as string);
      const unset = issued
        .filter((c) => c.status.listId === listId)
        .filter((c) => !getBit(bits, c.status.index));
      expect(unset).toEqual([]);

      const onChain = await svc.ledger.reader.latest(statusListKey(statusListUrl(svc, listId)));
      expect(onChain?.hash).toBe(await sha256Hex(served.jwt));
      expect(onChain?.version).toBe(served.version);
      versions += served.version - 1;
    }
    // 1,000 revocations went out in far fewer list versions (and anchor transactions).
    expect(versions).toBeGreaterThanOrEqual(10);
    expect(versions).toBeLessThanOrEqual(200);
  }, 180_000);
});

describe("a chain outage and a server restart", () => {
  let dir: string;
  let anvil: Anvil | undefined;
  let close: (() => Promise<void>) | undefined;
  let second: IssuanceServices | undefined;

  afterAll(async () => {
    await second?.anchoring.stop();
    await close?.();
    await anvil?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("accepts revocations while the chain is down and anchors them all once it is back", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "vitae-outage-"));
    const port = await freePort();
    const statePath = path.join(dir, "anvil.json");
    const chain = await startTestChain({ port, statePath });
    anvil = chain.anvil;
    const retry = { retryBaseMs: 100, retryMaxMs: 500, batchWindowMs: 50 };
    const started = await startTestServices(chain, { anchoring: retry });
    close = started.db.close;
    const first = started.svc;
    const issuer = await findIssuer(first, "eastland-licensing");
    const [a, b, c] = await issueMany(first, issuer, 3);
    await first.anchoring.sweep();
    expect((await verifyOnServer(first, a!.jwt)).verified).toBe(true);

    await anvil.stop(); // the chain goes away (its state is saved)

    const t0 = Date.now();
    const pending = await changeCredentialStatus(first, issuer, a!.id, "revoke", "outage");
    expect(pending).toMatchObject({ state: "pending", status: "revoked" });
    expect(Date.now() - t0).toBeLessThan(8_000); // answered, not hung
    // While the chain is down nobody is told the credential is valid.
    const during = await verifyOnServer(first, a!.jwt);
    expect(during.verified).toBe(false);
    expect(codes(during).anchor).toBe("null:LEDGER_UNAVAILABLE");

    // The server restarts while the chain is still down; the new process takes another change.
    await first.anchoring.stop();
    second = createServices({
      db: first.db,
      secret: TEST_SECRET,
      publicUrl: TEST_PUBLIC_URL,
      ledgerConfig: chain.config,
      registryAddress: chain.registryAddress,
      anchoring: retry,
    });
    const alsoPending = await changeCredentialStatus(second, issuer, b!.id, "suspend", "outage");
    expect(alsoPending.state).toBe("pending");

    anvil = await startAnvil({ port, statePath }); // the chain comes back
    second.anchoring.start(); // picks up what the first process left

    const svc = second;
    const after = await until(
      () => Promise.all([a, b].map((x) => verifyOnServer(svc, x!.jwt))),
      // Right after the chain returns, the old version is still the latest anchored one;
      // wait until the pending versions carrying the changes are anchored and served.
      (results) =>
        codes(results[0]!).status === "false:REVOKED" &&
        codes(results[1]!).status === "false:SUSPENDED",
      30_000,
    );
    expect(codes(after[0]!)).toMatchObject({
      status: "false:REVOKED",
      anchor: "true:ANCHOR_MATCH",
    });
    expect(codes(after[1]!)).toMatchObject({
      status: "false:SUSPENDED",
      anchor: "true:ANCHOR_MATCH",
    });
    expect((await verifyOnServer(svc, c!.jwt)).verified).toBe(true);

    const [stillPending] = await svc.db
      .select({ n: count() })
      .from(statusListVersions)
      .where(eq(statusListVersions.state, "pending"));
    expect(stillPending?.n).toBe(0);
  });
});

describe("tampering by the issuer's own server", () => {
  let chain: TestChain;
  let svc: IssuanceServices;
  let close: () => Promise<void>;
  let issuer: Issuer;

  beforeAll(async () => {
    chain = await startTestChain();
    const started = await startTestServices(chain, { anchoring: { batchWindowMs: 50 } });
    svc = started.svc;
    close = started.db.close;
    issuer = await findIssuer(svc, "eastland-licensing");
  });
  afterAll(async () => {
    await close?.();
    await chain?.stop();
  });

  /** Rewrites the bytes the server serves for the list's current version, as a rogue server would. */
  async function serveInstead(listId: string, jwt: string) {
    const served = await servedVersion(svc, listId);
    await svc.db
      .update(statusListVersions)
      .set({ jwt })
      .where(
        and(eq(statusListVersions.listId, listId), eq(statusListVersions.version, served.version)),
      );
    return served;
  }

  it("reports an older list version served to hide a revocation as ANCHOR_ROLLBACK", async () => {
    const [cred] = await issueMany(svc, issuer, 1);
    await svc.anchoring.sweep();
    const listId = cred!.status.listId;
    const before = await servedVersion(svc, listId);
    await changeCredentialStatus(svc, issuer, cred!.id, "revoke", "rollback test");
    expect(codes(await verifyOnServer(svc, cred!.jwt)).status).toBe("false:REVOKED");

    const revoked = await serveInstead(listId, before.jwt);
    const result = await verifyOnServer(svc, cred!.jwt);
    expect(result.verified).toBe(false);
    expect(codes(result).anchor).toBe("false:ANCHOR_ROLLBACK");
    expect(result.checks.find((k) => k.id === "anchor")?.details).toMatchObject({
      servedVersion: before.version,
      version: revoked.version,
    });
    await serveInstead(listId, revoked.jwt);
  });

  it("reports a list edited and re-signed with the issuer's own key as ANCHOR_MISMATCH", async () => {
    const [cred] = await issueMany(svc, issuer, 1);
    await changeCredentialStatus(svc, issuer, cred!.id, "revoke", "edit test");
    const listId = cred!.status.listId;
    const served = await servedVersion(svc, listId);
    const decoded = decodeCredential(served.jwt);
    if (!decoded.ok) throw new Error(decoded.message);
    // Same version number, the revocation bit quietly cleared, a valid issuer signature.
    const { payload } = decoded.credential;
    const vc = structuredClone(payload.vc) as { credentialSubject: { encodedList: string } };
    const bits = decodeBitstring(vc.credentialSubject.encodedList);
    bits[cred!.status.index >> 3]! &= ~(0x80 >> (cred!.status.index & 7));
    vc.credentialSubject.encodedList = encodeBitstring(bits);
    const forged = await signJwtVc(svc, issuer, { ...payload, vc } as unknown as Parameters<
      typeof signJwtVc
    >[2]);
    await serveInstead(listId, forged);

    const result = await verifyOnServer(svc, cred!.jwt);
    expect(result.verified).toBe(false);
    expect(codes(result)).toMatchObject({
      status: "true:STATUS_ACTIVE", // the forged list says "not revoked"…
      anchor: "false:ANCHOR_MISMATCH", // …and the ledger says it is not the real list
    });
    await serveInstead(listId, served.jwt);
  });

  it("reports a list past its validity as stale, and the worker re-signs lists before that", async () => {
    const [cred] = await issueMany(svc, issuer, 1);
    await svc.anchoring.sweep();
    const decoded = decodeCredential(cred!.jwt);
    if (!decoded.ok) throw new Error(decoded.message);
    const fetcher = localSourcesFetch(svc);
    const deps = {
      fetch: fetcher,
      resolveDid: createDidResolver({ fetch: fetcher }),
      ledger: svc.ledger.reader,
    };
    const tomorrow = new Date(Date.now() + (svc.statusLists.ttlSeconds + 120) * 1000);
    const stale = await checkStatus(decoded.credential, { ...deps, now: () => tomorrow });
    expect(stale.status).toMatchObject({ ok: null, code: "STATUS_LIST_STALE" });
    expect(stale.anchor).toMatchObject({
      ok: null,
      code: "STATUS_LIST_STALE",
      details: { withinValidity: false },
    });
    const fresh = await checkStatus(decoded.credential, { ...deps, now: () => new Date() });
    expect(fresh.anchor).toMatchObject({ ok: true, details: { withinValidity: true } });

    // A list past half its validity is re-signed and re-anchored by the sweep, bits unchanged.
    const listId = cred!.status.listId;
    const before = await servedVersion(svc, listId);
    await svc.db
      .update(statusListVersions)
      .set({ validUntil: new Date(Date.now() + 60_000) })
      .where(
        and(eq(statusListVersions.listId, listId), eq(statusListVersions.version, before.version)),
      );
    await svc.anchoring.sweep();
    const after = await servedVersion(svc, listId);
    expect(after.version).toBe(before.version + 1);
    expect(after.changeCount).toBe(0);
    expect(after.validUntil!.getTime()).toBeGreaterThan(Date.now() + 3_600_000);
  });
});
