import { describe, expect, it } from "vitest";
import {
  fixtures,
  happyDeps,
  ISSUER_KID,
  NOW,
  payloadOf,
  reissue,
  REVOCATION_LIST_URL,
  signJwt,
  SUSPENSION_LIST_URL,
} from "@/lib/credentials/__fixtures__/harness";
import { decodeCredential } from "@/lib/credentials/decode-credential";
import type { DecodedCredential } from "@/lib/credentials/schemas";
import { checkStatus, statusCheckers } from "./check-status";

const { jwts } = fixtures;

function decoded(jwt: string): DecodedCredential {
  const result = decodeCredential(jwt);
  if (!result.ok) throw new Error(result.message);
  return result.credential;
}

function entry(index: number | string, url = REVOCATION_LIST_URL, purpose = "revocation") {
  return {
    id: `${url}#${index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: url,
  };
}

/** A revocation list variant signed by the issuer. */
function list(
  change: (
    p: Record<string, unknown> & { vc: { credentialSubject: Record<string, unknown> } },
  ) => void,
) {
  const payload = structuredClone(payloadOf(jwts.revocationList)) as Record<string, unknown> & {
    vc: { credentialSubject: Record<string, unknown> };
  };
  change(payload);
  return signJwt(
    { alg: "EdDSA", typ: "JWT", kid: ISSUER_KID },
    payload,
    fixtures.issuerKey.privateJwk,
  );
}

describe("checkStatus", () => {
  it("dispatches on credentialStatus.type through the registry, ignoring prototype keys", async () => {
    expect(Object.keys(statusCheckers)).toEqual(["BitstringStatusListEntry"]);
    const { deps } = await happyDeps();
    for (const type of ["constructor", "__proto__", "toString", 42]) {
      const jwt = await reissue((p) => {
        p.vc.credentialStatus = { ...entry(7), type };
      });
      const { status, anchor } = await checkStatus(decoded(jwt), deps);
      expect(status).toMatchObject({ ok: null, code: "STATUS_TYPE_UNSUPPORTED" });
      expect(anchor.ok).toBeNull();
    }
  });

  it("accepts a single entry object as well as an array", async () => {
    const { deps } = await happyDeps();
    const jwt = await reissue((p) => {
      p.vc.credentialStatus = entry(42);
    });
    const { status, anchor } = await checkStatus(decoded(jwt), deps);
    expect(status).toMatchObject({
      ok: false,
      code: "REVOKED",
      details: { listUrl: REVOCATION_LIST_URL },
    });
    expect(anchor).toMatchObject({ ok: true, code: "ANCHOR_MATCH", details: { version: 1 } });
  });

  it("fetches and anchors a list once however many entries point at it", async () => {
    const { deps, calls, ledger } = await happyDeps();
    const jwt = await reissue((p) => {
      p.vc.credentialStatus = [entry(1), entry(2), entry(3)];
    });
    const { status, anchor } = await checkStatus(decoded(jwt), deps);
    expect(status.code).toBe("STATUS_ACTIVE");
    expect(anchor.code).toBe("ANCHOR_MATCH");
    expect(calls.filter((u) => u === REVOCATION_LIST_URL)).toHaveLength(1);
    expect(ledger.queries).toHaveLength(1);
  });

  it("refuses malformed entries and too many entries as STATUS_ENTRY_INVALID", async () => {
    const { deps } = await happyDeps();
    const cases = [
      { ...entry(7), statusListIndex: "07" },
      { ...entry(7), statusListIndex: 7 },
      { ...entry(7), statusPurpose: "message" },
      { ...entry(7), statusListCredential: "ftp://issuer.test/list" },
    ];
    for (const credentialStatus of [...cases, Array.from({ length: 9 }, (_, i) => entry(i))]) {
      const jwt = await reissue((p) => {
        p.vc.credentialStatus = credentialStatus;
      });
      const { status, anchor } = await checkStatus(decoded(jwt), deps);
      expect(status).toMatchObject({ ok: null, code: "STATUS_ENTRY_INVALID" });
      expect(anchor.ok).toBeNull();
    }
  });

  it("reports an index beyond the list as STATUS_INDEX_OUT_OF_RANGE", async () => {
    const { deps } = await happyDeps();
    const jwt = await reissue((p) => {
      p.vc.credentialStatus = entry(131072);
    });
    expect((await checkStatus(decoded(jwt), deps)).status).toMatchObject({
      ok: null,
      code: "STATUS_INDEX_OUT_OF_RANGE",
    });
  });

  it("refuses a list whose purpose differs from the entry's", async () => {
    const wrongPurpose = await list((p) => {
      p.vc.credentialSubject.statusPurpose = "suspension";
    });
    const { deps } = await happyDeps({ routes: { [REVOCATION_LIST_URL]: wrongPurpose } });
    const { status } = await checkStatus(decoded(jwts.credential), deps);
    expect(status).toMatchObject({
      ok: null,
      code: "STATUS_LIST_INVALID",
      message: expect.stringContaining("for suspension"),
    });
  });

  it("refuses another list of the same issuer served at this list's URL", async () => {
    const { deps } = await happyDeps({ routes: { [REVOCATION_LIST_URL]: jwts.suspensionList } });
    const { status, anchor } = await checkStatus(decoded(jwts.credential), deps);
    expect(status).toMatchObject({ ok: null, code: "STATUS_LIST_INVALID" });
    expect(anchor).toMatchObject({ ok: false, code: "ANCHOR_MISMATCH" });
  });

  it("treats a list past its validity as stale: status unknown, never active", async () => {
    const expired = await list((p) => {
      p.exp = NOW.getTime() / 1000 - 3600;
    });
    const { deps } = await happyDeps({ routes: { [REVOCATION_LIST_URL]: expired } });
    const { status } = await checkStatus(decoded(jwts.credential), deps);
    expect(status).toMatchObject({
      ok: null,
      code: "STATUS_LIST_STALE",
      message: expect.stringContaining("stopped being valid"),
    });
  });

  it("refuses a tampered list and a document that is not a status list", async () => {
    const [h, , s] = jwts.revocationList.split(".");
    const tampered = `${h}.${jwts.suspensionList.split(".")[1]}.${s}`;
    for (const served of [tampered, jwts.credential, "<html>not a jwt</html>"]) {
      const { deps } = await happyDeps({ routes: { [REVOCATION_LIST_URL]: served } });
      const { status } = await checkStatus(decoded(jwts.credential), deps);
      expect(status).toMatchObject({ ok: null, code: "STATUS_LIST_INVALID" });
    }
  });

  it("reads the bit only from a list whose signature verified", async () => {
    // claims index 42 is clear, but its signature is broken
    const forged = await list((p) => {
      p.vc.credentialSubject.encodedList =
        "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";
    });
    const [h, p] = forged.split(".");
    const { deps } = await happyDeps({
      routes: {
        [REVOCATION_LIST_URL]: `${h}.${p}.${forged.split(".")[2]!.replace(/^./, (c) => (c === "A" ? "B" : "A"))}`,
      },
    });
    const { status } = await checkStatus(decoded(jwts.revokedCredential), deps);
    expect(status).toMatchObject({ ok: null, code: "STATUS_LIST_INVALID" });
  });

  it("reports the suspension entry when only the suspension list has the bit set", async () => {
    const { deps } = await happyDeps();
    const { status } = await checkStatus(decoded(jwts.suspendedCredential), deps);
    expect(status).toMatchObject({
      ok: false,
      code: "SUSPENDED",
      details: { statusPurpose: "suspension", listUrl: SUSPENSION_LIST_URL },
    });
  });
});
