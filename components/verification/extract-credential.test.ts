import { describe, expect, it } from "vitest";
import { compactCredential } from "@/lib/credentials/compact-credential";
import { fixtures } from "@/lib/credentials/__fixtures__/harness";
import {
  claimLinkReason,
  extractCredential,
  extractCredentialWithReason,
} from "./extract-credential";

const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkaWQ6d2ViOmV4YW1wbGUuY29tIn0.MEUCIQDk3Xz-_abc123";

describe("extractCredential", () => {
  it("accepts a bare JWT", () => {
    expect(extractCredential(jwt)).toBe(jwt);
  });

  it("ignores surrounding whitespace and line wrapping", () => {
    const wrapped = `  ${jwt.slice(0, 20)}\n${jwt.slice(20, 50)}\r\n ${jwt.slice(50)}\n`;
    expect(extractCredential(wrapped)).toBe(jwt);
  });

  it("keeps a JWT with an empty signature, so the signature check can reject it by name", () => {
    expect(extractCredential("eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.")).toBe(
      "eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.",
    );
  });

  it("finds a JWT inside a link", () => {
    expect(extractCredential(`https://vitae.example/verify#credential=${jwt}`)).toBe(jwt);
    expect(extractCredential(`https://vitae.example/verify?jwt=${jwt}&x=1`)).toBe(jwt);
  });

  it("finds a percent-encoded JWT inside a link", () => {
    const encoded = jwt.replace(/\./g, "%2E");
    expect(extractCredential(`https://vitae.example/verify?jwt=${encoded}`)).toBe(jwt);
  });

  it("rejects text that holds no JWT", () => {
    expect(extractCredential("")).toBeNull();
    expect(extractCredential("   ")).toBeNull();
    expect(extractCredential("https://example.com/some/page")).toBeNull();
    expect(extractCredential("hello.world")).toBeNull();
    expect(extractCredential("not a credential. at all. really")).toBeNull();
  });

  it("does not throw on malformed percent-encoding", () => {
    expect(extractCredential("100% sure %E0%A4%A")).toBeNull();
  });
});

describe("extractCredential with the wallet's compact QR form", () => {
  const signed = fixtures.jwts.credential;

  it("inflates VITAE1 text back to the exact original JWT", () => {
    const text = compactCredential.encode(signed)!;
    expect(extractCredential(text)).toBe(signed);
    expect(extractCredentialWithReason(`Scanned: ${text}\n`)).toEqual({ jwt: signed });
  });

  it("still takes the old raw JWT", () => {
    expect(extractCredential(signed)).toBe(signed);
  });

  it("names the damage in a compact code instead of guessing", () => {
    const text = compactCredential.encode(signed)!;
    const result = extractCredentialWithReason(text.slice(0, -1));
    expect(result.jwt).toBeNull();
    expect(result).toMatchObject({ reason: expect.stringMatching(/damaged|cut short/) });
  });
});

describe("a pasted claim link", () => {
  it("is refused with its own reason, not verified as noise", () => {
    for (const link of [
      "https://vitae.example/wallet/claim#k3J9xQ2mZpL8vT4wR7nY1cF6hB0sD5gA",
      "  http://localhost:3000/wallet/claim#abc_DEF-123\n",
    ]) {
      const found = extractCredentialWithReason(link);
      expect(found.jwt).toBeNull();
      expect(found).toMatchObject({ reason: claimLinkReason });
    }
  });

  it("does not catch other wallet pages or a JWT that happens to travel with one", () => {
    expect(extractCredentialWithReason("https://vitae.example/wallet/claims-help")).toEqual({
      jwt: null,
    });
    expect(extractCredential(`https://vitae.example/wallet/claim?jwt=${jwt}`)).toBe(jwt);
  });
});
