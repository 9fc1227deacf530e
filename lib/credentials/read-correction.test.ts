import { describe, expect, it } from "vitest";
import { correctionUrl, readCorrection } from "./read-correction";

const id = "urn:uuid:2f1c1b7e-8f43-4b8e-9a57-0d1c2b3a4f5e";
const credential = {
  id,
  vc: {
    credentialStatus: [
      {
        type: "BitstringStatusListEntry",
        statusListCredential: "https://vitae.example/api/v1/status-lists/eastland-r-1",
      },
    ],
  },
};

const answer = (body: unknown, status = 200): typeof fetch =>
  (async () =>
    new Response(typeof body === "string" ? body : JSON.stringify(body), {
      status,
    })) as typeof fetch;

describe("readCorrection", () => {
  it("asks the issuing Vitae instance, by the credential's own id", () => {
    expect(correctionUrl(credential)).toBe(
      `https://vitae.example/api/v1/credentials/${encodeURIComponent(id)}/correction`,
    );
  });

  it("has nothing to read for a credential without an id or from a non-Vitae issuer", async () => {
    const fail = (async () => {
      throw new Error("must not fetch");
    }) as typeof fetch;
    expect(await readCorrection({ ...credential, id: undefined }, { fetch: fail })).toEqual({
      kind: "not-applicable",
    });
    const elsewhere = {
      id,
      vc: { credentialStatus: { statusListCredential: "https://other.example/lists/1" } },
    };
    expect(await readCorrection(elsewhere, { fetch: fail })).toEqual({ kind: "not-applicable" });
  });

  it("reads a superseded credential's successor", async () => {
    const body = {
      credentialId: id,
      supersededBy: "urn:uuid:9e1c1b7e-8f43-4b8e-9a57-0d1c2b3a4f5e",
      at: "2026-01-02T03:04:05.000Z",
      reason: "superseded",
    };
    expect(await readCorrection(credential, { fetch: answer(body) })).toEqual({
      kind: "read",
      correction: body,
    });
  });

  it("is unavailable, never a crash, on errors, garbage or an answer about another id", async () => {
    const cases: (typeof fetch)[] = [
      answer({ error: { code: "UNKNOWN_CREDENTIAL", message: "no" } }, 404),
      answer("<html>"),
      answer({ credentialId: id, supersededBy: 42 }),
      answer({ credentialId: "urn:uuid:someone-else" }),
      (async () => {
        throw new TypeError("Failed to fetch");
      }) as typeof fetch,
    ];
    for (const fetch of cases) {
      expect((await readCorrection(credential, { fetch })).kind).toBe("unavailable");
    }
  });
});
