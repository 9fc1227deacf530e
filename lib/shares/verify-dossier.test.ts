import { describe, expect, it } from "vitest";
import { happyDeps, NOW, reissue } from "@/lib/credentials/__fixtures__/harness";
import { createPresentation } from "@/lib/wallet/create-presentation";
import { generateHolderKey } from "@/lib/wallet/holder-key";
import { decryptDossier, encryptDossier, newShareSecrets } from "./dossier-crypto";
import { verifyDossier } from "./verify-dossier";

const ORIGIN = "https://vitae.example.org";

async function sharedDossier() {
  const key = await generateHolderKey();
  const credentials = [
    await reissue((p) => (p.sub = key.did)),
    await reissue((p) => (p.sub = key.did)),
  ];
  const secrets = newShareSecrets();
  const presentation = await createPresentation(
    key,
    credentials,
    { nonce: secrets.id, audience: ORIGIN },
    { now: NOW, ttlSeconds: 86_400 },
  );
  const ciphertext = await encryptDossier(secrets.id, secrets.key, presentation);
  return { secrets, ciphertext, presentation };
}

describe("verifyDossier", () => {
  it("verifies a decrypted dossier: holder signature, this share, this origin, every credential", async () => {
    const { secrets, ciphertext } = await sharedDossier();
    const opened = await decryptDossier(secrets.id, secrets.key, ciphertext);
    if (!opened.ok) throw new Error("did not decrypt");
    const { deps } = await happyDeps();
    const result = await verifyDossier(opened.text, { id: secrets.id, origin: ORIGIN }, deps);
    expect(result.checks.map((c) => [c.id, c.ok, c.code])).toEqual([
      ["format", true, "PRESENTATION_FORMAT_OK"],
      ["signature", true, "HOLDER_SIGNATURE_VALID"],
      ["validity", true, "PRESENTATION_VALIDITY_OK"],
      ["challenge", true, "NONCE_OK"],
      ["audience", true, "AUDIENCE_OK"],
      ["holder", true, "HOLDER_IS_SUBJECT"],
      ["credentials", true, "CREDENTIALS_VERIFIED"],
    ]);
    expect(result.verified).toBe(true);
    expect(result.checks.find((c) => c.id === "challenge")?.message).toContain("for this link");
    expect(result.credentials).toHaveLength(2);
    // It can be opened again (up to the server's view limit): the share id is not used up.
    const again = await verifyDossier(opened.text, { id: secrets.id, origin: ORIGIN }, deps);
    expect(again.verified).toBe(true);
  });

  it("refuses a presentation moved to another share or served from another origin", async () => {
    const { secrets, presentation } = await sharedDossier();
    const { deps } = await happyDeps();
    const moved = await verifyDossier(
      presentation,
      { id: newShareSecrets().id, origin: ORIGIN },
      deps,
    );
    expect(moved.verified).toBe(false);
    expect(moved.checks.find((c) => c.id === "challenge")?.code).toBe("NONCE_MISMATCH");
    const elsewhere = await verifyDossier(
      presentation,
      { id: secrets.id, origin: "https://evil.example" },
      deps,
    );
    expect(elsewhere.checks.find((c) => c.id === "audience")?.code).toBe("AUDIENCE_MISMATCH");
  });

  it("says the dossier has expired once the link's time is up", async () => {
    const { secrets, presentation } = await sharedDossier();
    const { deps } = await happyDeps();
    const later = new Date(NOW.getTime() + 2 * 86_400_000);
    const result = await verifyDossier(
      presentation,
      { id: secrets.id, origin: ORIGIN },
      { ...deps, now: () => later },
    );
    expect(result.checks.find((c) => c.id === "validity")?.code).toBe("PRESENTATION_EXPIRED");
  });
});
