import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createBitstring, encodeBitstring, setBit } from "@/lib/status/bitstring";
import { W3C_CREDENTIALS_V1, VITAE_CONTEXT } from "../schemas";
import {
  HOLDER_DID,
  ISSUER_DID,
  ISSUER_KID,
  LEDGER_ACCOUNT,
  OTHER_ACCOUNT,
  REVOCATION_LIST_URL,
  ROGUE_DID,
  ROGUE_KID,
  SUSPENSION_LIST_URL,
  signJwt,
} from "./harness";

/**
 * The committed vectors under __fixtures__ and how they were made. Ed25519 signatures and our GZIP
 * are deterministic, so rebuilding the JWTs from the committed keys must give the committed bytes;
 * `VITAE_WRITE_FIXTURES=1 npx vitest run lib/credentials/__fixtures__` rewrites them (keeping the
 * keys, unless a key file is deleted).
 */

const here = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));
const write = process.env.VITAE_WRITE_FIXTURES === "1";

type KeyFile = { publicJwk: JsonWebKey; privateJwk: JsonWebKey };

async function keyFile(name: string): Promise<KeyFile> {
  if (existsSync(here(name))) return JSON.parse(readFileSync(here(name), "utf8")) as KeyFile;
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const { kty, crv, x, d } = await crypto.subtle.exportKey("jwk", pair.privateKey);
  const file = { publicJwk: { kty, crv, x }, privateJwk: { kty, crv, x, d } };
  writeFileSync(here(name), JSON.stringify(file, null, 2) + "\n");
  return file;
}

function didDocument(did: string, publicJwk: JsonWebKey, account: string) {
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
    id: did,
    verificationMethod: [
      { id: `${did}#key-1`, type: "JsonWebKey2020", controller: did, publicKeyJwk: publicJwk },
      {
        id: `${did}#ledger`,
        type: "EcdsaSecp256k1RecoveryMethod2020",
        controller: did,
        blockchainAccountId: `eip155:31337:${account}`,
      },
    ],
    assertionMethod: [`${did}#key-1`],
    authentication: [`${did}#key-1`],
  };
}

const NBF = Date.parse("2025-01-01T00:00:00Z") / 1000;
const EXP = Date.parse("2030-01-01T00:00:00Z") / 1000;
const header = (kid: string) => ({ alg: "EdDSA", typ: "JWT", kid });

function credentialPayload(index: number, jti: string) {
  const entry = (purpose: string, url: string) => ({
    id: `${url}#${index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: url,
  });
  return {
    iat: NBF,
    nbf: NBF,
    exp: EXP,
    jti,
    sub: HOLDER_DID,
    iss: ISSUER_DID,
    vc: {
      "@context": [W3C_CREDENTIALS_V1, VITAE_CONTEXT],
      type: ["VerifiableCredential", "MedicalLicenseCredential"],
      credentialSubject: {
        name: "Dr. Ada Example",
        licenseNumber: "MD-000042",
        jurisdiction: "Testland",
      },
      credentialStatus: [
        entry("revocation", REVOCATION_LIST_URL),
        entry("suspension", SUSPENSION_LIST_URL),
      ],
    },
  };
}

function listPayload(iss: string, url: string, purpose: string, setIndexes: number[]) {
  const bits = createBitstring();
  for (const i of setIndexes) setBit(bits, i, true);
  return {
    iat: NBF,
    nbf: NBF,
    jti: url,
    iss,
    vc: {
      "@context": [W3C_CREDENTIALS_V1],
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      id: url,
      credentialSubject: {
        id: `${url}#list`,
        type: "BitstringStatusList",
        statusPurpose: purpose,
        encodedList: encodeBitstring(bits),
      },
    },
  };
}

async function build() {
  const issuerKey = await keyFile("issuer-key.json");
  const rogueKey = await keyFile("rogue-key.json");
  const jwts = {
    /** Index 7: neither revoked nor suspended. */
    credential: await signJwt(
      header(ISSUER_KID),
      credentialPayload(7, "urn:uuid:00000000-0000-4000-8000-000000000007"),
      issuerKey.privateJwk,
    ),
    /** Index 42: revoked. */
    revokedCredential: await signJwt(
      header(ISSUER_KID),
      credentialPayload(42, "urn:uuid:00000000-0000-4000-8000-000000000042"),
      issuerKey.privateJwk,
    ),
    /** Index 99: suspended. */
    suspendedCredential: await signJwt(
      header(ISSUER_KID),
      credentialPayload(99, "urn:uuid:00000000-0000-4000-8000-000000000099"),
      issuerKey.privateJwk,
    ),
    revocationList: await signJwt(
      header(ISSUER_KID),
      listPayload(ISSUER_DID, REVOCATION_LIST_URL, "revocation", [42]),
      issuerKey.privateJwk,
    ),
    suspensionList: await signJwt(
      header(ISSUER_KID),
      listPayload(ISSUER_DID, SUSPENSION_LIST_URL, "suspension", [99]),
      issuerKey.privateJwk,
    ),
    /** The same (all-clear for 42) content, but issued and signed by another DID. */
    rogueRevocationList: await signJwt(
      header(ROGUE_KID),
      listPayload(ROGUE_DID, REVOCATION_LIST_URL, "revocation", []),
      rogueKey.privateJwk,
    ),
  };
  return {
    "issuer-did.json": didDocument(ISSUER_DID, issuerKey.publicJwk, LEDGER_ACCOUNT),
    "rogue-did.json": didDocument(ROGUE_DID, rogueKey.publicJwk, OTHER_ACCOUNT),
    "jwts.json": jwts,
  };
}

describe("committed fixtures", () => {
  it.runIf(write)("are written", async () => {
    for (const [name, content] of Object.entries(await build())) {
      writeFileSync(here(name), JSON.stringify(content, null, 2) + "\n");
    }
  });

  it.skipIf(write)("are exactly what the generator produces from the committed keys", async () => {
    for (const [name, content] of Object.entries(await build())) {
      expect(JSON.parse(readFileSync(here(name), "utf8"))).toEqual(content);
    }
  });
});
