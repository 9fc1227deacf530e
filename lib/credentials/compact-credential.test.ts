import { ed25519 } from "@noble/curves/ed25519";
import { EdDSASigner } from "did-jwt";
import { createVerifiableCredentialJwt } from "did-jwt-vc";
import { create } from "qrcode";
import { describe, expect, it } from "vitest";
import { credentialTypes, type CredentialTypeName } from "./credential-types";
import { subjectExamples } from "./credential-types/examples";
import { compactCredential, COMPACT_PREFIX } from "./compact-credential";
import { fixtures } from "./__fixtures__/harness";
import { credentialPayload } from "@/lib/issuance/credential-payload";
import { issuerDid } from "@/lib/issuance/issuer-did";
import type { IssuanceServices } from "@/lib/issuance/services";
import { generateHolderKey } from "@/lib/wallet/holder-key";

// A deployment's public URL of ordinary length (a hospital group's own domain).
const PUBLIC_URL = "https://credentials.eastland-health.org";
const svc = { publicUrl: PUBLIC_URL } as IssuanceServices;

/** A credential exactly as Vitae's issuer signs it: same payload builder, Ed25519, its header. */
async function issued(type: CredentialTypeName, subject = subjectExamples[type]): Promise<string> {
  const holder = await generateHolderKey();
  const slug = "eastland-licensing";
  const did = issuerDid(PUBLIC_URL, slug);
  const payload = credentialPayload(
    svc,
    {
      id: crypto.randomUUID(),
      issuerSlug: slug,
      type,
      claims: subject,
      listSeries: 1,
      statusIndex: 48_213,
      issuedAt: new Date("2026-03-01T09:30:00Z"),
      validUntil: new Date("2031-03-01T09:30:00Z"),
    },
    holder.did,
  );
  const signer = EdDSASigner(ed25519.utils.randomPrivateKey());
  return createVerifiableCredentialJwt(
    payload,
    { did, signer, alg: "EdDSA" },
    { header: { kid: `${did}#key-1`, typ: "JWT" } },
  );
}

/** The QR version at level M; 41 for "does not fit in any QR code". */
function qrVersion(text: string): number {
  try {
    return create(text, { errorCorrectionLevel: "M" }).version;
  } catch {
    return 41;
  }
}

describe("compactCredential", () => {
  it("gives back the exact JWT, whose bytes and signature are untouched", async () => {
    for (const jwt of [fixtures.jwts.credential, await issued("MedicalLicenseCredential")]) {
      const text = compactCredential.encode(jwt);
      expect(text).toMatch(/^VITAE1:\d+$/);
      expect(compactCredential.decode(text!)).toEqual({ ok: true, jwt });
      // Pasted with line breaks and in lower case, it still reads.
      const wrapped = `  vitae1:${text!.slice(7, 60)}\n${text!.slice(60)}\r\n`;
      expect(compactCredential.decode(wrapped)).toEqual({ ok: true, jwt });
    }
  });

  it("keeps every byte length: empty signatures and every tail size round-trip", () => {
    for (let n = 0; n < 30; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      const segment = Buffer.from(bytes).toString("base64url");
      const jwt = `eyJhbGciOiJub25lIn0.${segment || "e30"}.${segment}`;
      const text = compactCredential.encode(jwt)!;
      expect(compactCredential.decode(text)).toEqual({ ok: true, jwt });
    }
  });

  it("refuses JWTs it could not carry exactly", () => {
    expect(compactCredential.encode("a.b")).toBeNull();
    // "eB" is a non-canonical spelling of the byte 0x78 (unused bits set).
    expect(compactCredential.encode("eyJhbGciOiJub25lIn0.eB.eB")).toBeNull();
  });

  it("reports damage with a reason instead of throwing or inventing a JWT", async () => {
    const jwt = await issued("MedicalLicenseCredential");
    const text = compactCredential.encode(jwt)!;
    const cases = [
      "hello",
      `${COMPACT_PREFIX}`,
      `${COMPACT_PREFIX}12a45`,
      text.slice(0, -1), // a digit lost: an impossible tail length
      text.slice(0, text.length - 17), // a whole chunk lost: the stream ends early
      `${COMPACT_PREFIX}99999999999999999`, // 17 digits larger than 7 bytes
      `${COMPACT_PREFIX}${"0".repeat(7100)}`,
      text.slice(0, 40) + (text[40] === "1" ? "2" : "1") + text.slice(41),
    ];
    for (const bad of cases) {
      const result = compactCredential.decode(bad);
      if (result.ok) {
        // A flipped digit can still inflate; it must then not be the original credential.
        expect(result.jwt).not.toBe(jwt);
      } else {
        expect(result.code).toBe("COMPACT_MALFORMED");
        expect(result.message).toMatch(/\w/);
      }
    }
  });

  it("fits a typical licence in QR version 25 or less at error correction M", async () => {
    const figures: Record<string, { jwt: number; compact: number; raw: number; v: number }> = {};
    for (const type of Object.keys(credentialTypes) as CredentialTypeName[]) {
      const jwt = await issued(type);
      const text = compactCredential.encode(jwt)!;
      figures[type] = {
        jwt: jwt.length,
        compact: text.length,
        raw: qrVersion(jwt),
        v: qrVersion(text),
      };
    }
    console.info("Offline QR at level M (chars; raw JWT version → compact version):");
    for (const [type, f] of Object.entries(figures)) {
      console.info(`  ${type}: ${f.jwt} → ${f.compact} digits; v${f.raw} → v${f.v}`);
    }
    // The typical licence: one condition on practice (the example subject has exactly one).
    expect(subjectExamples.MedicalLicenseCredential.conditions).toHaveLength(1);
    expect(figures.MedicalLicenseCredential!.v).toBeLessThanOrEqual(25);
    for (const f of Object.values(figures)) expect(f.v).toBeLessThan(f.raw);
  });
});
