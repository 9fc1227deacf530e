import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { DecodedCredential } from "@/lib/credentials/schemas";
import { check, resultOf, type Check } from "@/lib/credentials/verification";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import { VerificationReport } from "./verification-report";

const credential: DecodedCredential = {
  jwt: "eyJhbGciOiJFUzI1NiJ9.eyJ2YyI6e319.sig",
  header: { alg: "ES256" },
  payload: {},
  vc: {
    "@context": ["https://www.w3.org/2018/credentials/v1"],
    type: ["VerifiableCredential", "MedicalLicenseCredential"],
    credentialSubject: {
      name: "Dr Ada Byron",
      licenseNumber: "GMC-123",
      jurisdiction: "United Kingdom",
      conditions: [{ code: "SUP", text: "Must practise under supervision." }],
    },
  },
  issuer: "did:web:localhost%3A3000:issuers:gmc",
  subject: "did:key:z6MkDoctor",
  type: "MedicalLicenseCredential",
  id: "urn:uuid:1",
  issuedAt: new Date("2025-01-01T00:00:00Z"),
  validFrom: undefined,
  validUntil: undefined,
};

const allPass: Check[] = [
  check("format", true, "FORMAT_OK"),
  check("signature", true, "SIGNATURE_VALID", undefined, { kid: "did:web:x#key-1", alg: "ES256" }),
  check("validity", true, "VALIDITY_OK", undefined, { validFrom: null, validUntil: null }),
  check("status", true, "STATUS_ACTIVE", undefined, {
    statusPurpose: "revocation",
    listUrl: "http://localhost:3000/api/v1/status-lists/1",
  }),
  check("anchor", true, "ANCHOR_MATCH", undefined, {
    version: 3,
    anchoredAt: new Date(Date.now() - 120_000).toISOString(),
    listUrl: "http://localhost:3000/api/v1/status-lists/1",
  }),
  check("trust", true, "TRUST_ACCREDITED", undefined, {
    issuerDid: "did:web:localhost%3A3000:issuers:gmc",
    issuerName: "General Medical Council",
    registry: "/api/v1/issuers",
    registryFetchedAt: new Date().toISOString(),
  }),
];

function render(
  checks: Check[],
  verified?: boolean,
  { queryClient = new QueryClient(), decoded = credential } = {},
) {
  const result = {
    ...resultOf(checks, decoded),
    ...(verified === undefined ? {} : { verified }),
  };
  return renderToStaticMarkup(
    createElement(
      QueryClientProvider,
      { client: queryClient },
      createElement(VerificationReport, {
        jwt: decoded.jwt,
        verification: { result, checkedAt: new Date("2025-06-01T12:00:00Z") },
      }),
    ),
  );
}

/** The verdict banner's heading text. */
function verdictOf(html: string) {
  const banner = html.slice(html.indexOf(`data-testid="${testIds.verifier.verdict}"`));
  return /<h3[^>]*>([^<]*)<\/h3>/.exec(banner)?.[1];
}

describe("VerificationReport", () => {
  it("shows a valid credential with every check and its details", () => {
    const html = render(allPass);
    expect(verdictOf(html)).toBe("Valid");
    expect(html.match(new RegExp(`data-testid="${testIds.verifier.check}"`, "g"))).toHaveLength(6);
    expect(html).toContain('data-check-id="anchor" data-ok="true"');
    expect(html).toContain("version 3, anchored <time");
    expect(html).toContain("2 min ago");
    expect(html).toContain("Medical licence");
    expect(html).toContain("General Medical Council");
    expect(html).toContain("Conditions on practice");
    expect(html).toContain("Must practise under supervision.");
  });

  it("ends with the verification record: credential id, issuer, accreditation, anchor, time", () => {
    const html = render(allPass);
    const record = html.slice(html.indexOf(`data-testid="${testIds.verifier.record}"`));
    expect(record).toContain("urn:uuid:1");
    expect(record).toContain("did:web:localhost%3A3000:issuers:gmc");
    expect(record).toContain("Accredited for this credential type");
    expect(record).toContain("Status list version 3, anchored");
    expect(record).toContain("Verified by Vitae in the verifier&#x27;s browser at");
    expect(record).toContain('dateTime="2025-06-01T12:00:00.000Z"');
    expect(record).toContain(`data-testid="${testIds.verifier.printReceipt}"`);
    expect(record).toContain(`data-testid="${testIds.verifier.downloadJson}"`);
  });

  it("never shows Valid when the core did not say verified", () => {
    expect(verdictOf(render(allPass, false))).toBe("Cannot be checked");
  });

  it("shows a revoked credential as revoked", () => {
    const checks = allPass.map((c) => (c.id === "status" ? check("status", false, "REVOKED") : c));
    const html = render(checks);
    expect(verdictOf(html)).toBe("Revoked");
    expect(html).toContain('data-check-id="status" data-ok="false"');
  });

  it("says a revoked credential was superseded, when the issuer names its correction", () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(queryKeys.wallet.correction("urn:uuid:1"), {
      kind: "read",
      correction: {
        credentialId: "urn:uuid:1",
        supersededBy: "urn:uuid:2",
        at: "2026-02-03T10:00:00.000Z",
        reason: "superseded",
      },
    });
    const revoked = allPass.map((c) => (c.id === "status" ? check("status", false, "REVOKED") : c));
    const html = render(revoked, undefined, { queryClient });
    expect(verdictOf(html)).toBe("Revoked");
    expect(html).toContain(`data-testid="${testIds.verifier.superseded}"`);
    expect(html).toContain("Superseded: a corrected credential was issued on");
    expect(html).toContain("urn:uuid:2");
    // The endpoint never overrides the status list: an active credential shows no such callout.
    const active = render(allPass, undefined, { queryClient });
    expect(verdictOf(active)).toBe("Valid");
    expect(active).not.toContain(testIds.verifier.superseded);
  });

  it("says a correction supersedes the credential it names as previous", () => {
    const decoded = { ...credential, vc: { ...credential.vc, previous: "urn:uuid:0" } };
    const html = render(allPass, undefined, { decoded });
    expect(html).toContain(`data-testid="${testIds.verifier.supersedes}"`);
    expect(html).toContain("Supersedes");
    expect(html).toContain("urn:uuid:0");
  });

  it("marks the details of a credential with a failed signature as unconfirmed", () => {
    const checks = allPass.map((c) =>
      c.id === "signature" ? check("signature", false, "SIGNATURE_INVALID") : c,
    );
    const html = render(checks);
    expect(verdictOf(html)).toBe("Not valid");
    expect(html).toContain("may be forged");
    expect(html).toContain("The signature does not match the credential&#x27;s content.");
  });

  it("says when a check could not be made", () => {
    const checks = allPass.map((c) =>
      c.id === "anchor" ? check("anchor", null, "LEDGER_UNAVAILABLE") : c,
    );
    const html = render(checks);
    expect(verdictOf(html)).toBe("Cannot be checked");
    expect(html).toContain('data-check-id="anchor" data-ok="null"');
  });
});
