import { describe, expect, it } from "vitest";
import { credentialCorrectionSchema } from "@/lib/credentials/schemas";
import { amendCredential } from "@/lib/issuance/amend-credential";
import { findIssuer } from "@/lib/issuance/authenticate-issuer";
import { changeCredentialStatus } from "@/lib/issuance/change-status";
import { issueCredential } from "@/lib/issuance/issue-credential";
import { callRoute, startRouteTestStack } from "@/scripts/support/route-request";
import { GET } from "./route";

/**
 * GET /api/v1/credentials/{id}/correction as a route handler on the real stack (fresh anvil with
 * the anchor contract, PGlite with the demo issuers), after a real amend.
 */

const stack = startRouteTestStack();

const get = (credentialId: string) =>
  callRoute(GET, { credentialId }, { url: "http://localhost/api/v1/credentials/x/correction" });

describe("GET /api/v1/credentials/{id}/correction", () => {
  it("links a superseded credential and its correction both ways, with no subject data", async () => {
    const licensing = await findIssuer(stack.svc, "eastland-licensing");
    const original = await issueCredential(stack.svc, licensing, {
      type: "MedicalLicenseCredential",
      subject: { name: "Dr Lena Korr", licenseNumber: "EL-C1", jurisdiction: "Eastland" },
    });
    const before = await get(original.id);
    expect(before.status).toBe(200);
    expect(before.json).toEqual({ credentialId: `urn:uuid:${original.id}` });

    const amended = await amendCredential(stack.svc, licensing, original.id, {
      subject: { name: "Dr Lena Korrin", licenseNumber: "EL-C1", jurisdiction: "Eastland" },
    });

    // Both the bare UUID and the credential's own id (urn:uuid:…, encoded or not) are accepted.
    for (const id of [original.id, `urn:uuid:${original.id}`, `urn%3Auuid%3A${original.id}`]) {
      const old = await get(id);
      expect(old.status).toBe(200);
      expect(old.headers.get("access-control-allow-origin")).toBe("*");
      const parsed = credentialCorrectionSchema.parse(old.json);
      expect(parsed).toMatchObject({
        credentialId: `urn:uuid:${original.id}`,
        supersededBy: `urn:uuid:${amended.id}`,
        reason: "superseded",
      });
      expect(parsed.supersedes).toBeUndefined();
      expect(Date.parse(parsed.at ?? "")).toBeGreaterThan(0);
    }

    const fresh = await get(`urn:uuid:${amended.id}`);
    expect(fresh.status).toBe(200);
    expect(fresh.json).toEqual({
      credentialId: `urn:uuid:${amended.id}`,
      supersedes: `urn:uuid:${original.id}`,
    });
    // Ids and a date only: no name, licence number or DID from the subject.
    const text = JSON.stringify([before.json, fresh.json, (await get(original.id)).json]);
    expect(text).not.toContain("Korr");
    expect(text).not.toContain("EL-C1");
  });

  it("says revoked-but-not-superseded plainly: no chain for an ordinary revocation", async () => {
    const licensing = await findIssuer(stack.svc, "eastland-licensing");
    const issued = await issueCredential(stack.svc, licensing, {
      type: "MedicalLicenseCredential",
      subject: { name: "Dr Omar Brill", licenseNumber: "EL-C2", jurisdiction: "Eastland" },
    });
    await changeCredentialStatus(stack.svc, licensing, issued.id, "revoke", "misconduct");
    const res = await get(issued.id);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ credentialId: `urn:uuid:${issued.id}` });
  });

  it("answers 404 UNKNOWN_CREDENTIAL for an unknown id and 400 for a malformed one", async () => {
    const unknown = await get("0b0e8f8e-5a4b-4f3c-9d2e-1a2b3c4d5e6f");
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: { code: "UNKNOWN_CREDENTIAL" } });
    for (const bad of ["not-an-id", "../../etc/passwd", "%E0%A4%A", "x".repeat(5000)]) {
      const res = await get(bad);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    }
  });
});
