import { create } from "qrcode";
import { describe, expect, it } from "vitest";
import {
  decryptDossier,
  dossierLink,
  encryptDossier,
  newShareSecrets,
  parseDossierLink,
} from "./dossier-crypto";

describe("dossier crypto", () => {
  it("round-trips a presentation under the link's key", async () => {
    const { id, key } = newShareSecrets();
    const sealed = await encryptDossier(id, key, "eyJhbGciOiJFUzI1NiJ9.e30.sig");
    expect(sealed).not.toContain("eyJ");
    expect(await decryptDossier(id, key, sealed)).toEqual({
      ok: true,
      text: "eyJhbGciOiJFUzI1NiJ9.e30.sig",
    });
  });

  it("does not open with another key, under another id, or once altered", async () => {
    const a = newShareSecrets();
    const b = newShareSecrets();
    const sealed = await encryptDossier(a.id, a.key, "secret dossier");
    expect(await decryptDossier(a.id, b.key, sealed)).toMatchObject({ ok: false });
    expect(await decryptDossier(b.id, a.key, sealed)).toMatchObject({ ok: false });
    const flipped = sealed.slice(0, 30) + (sealed[30] === "A" ? "B" : "A") + sealed.slice(31);
    expect(await decryptDossier(a.id, a.key, flipped)).toMatchObject({
      ok: false,
      code: "DOSSIER_UNREADABLE",
    });
    expect(await decryptDossier(a.id, a.key, "short")).toMatchObject({ ok: false });
  });

  it("makes short links, and finds them in pasted text", () => {
    const { id, key } = newShareSecrets();
    expect(id).toHaveLength(22);
    expect(key).toHaveLength(43);
    const link = dossierLink("https://vitae.example.org/", id, key);
    expect(link).toBe(`https://vitae.example.org/s/${id}#${key}`);
    expect(parseDossierLink(`Dossier: ${link} thanks`)).toEqual({
      origin: "https://vitae.example.org",
      id,
      key,
    });
    expect(parseDossierLink(`https://vitae.example.org/s/${id}`)).toMatchObject({ key: null });
    expect(parseDossierLink(`https://vitae.example.org/s/${id}#${key.slice(0, 20)}`)).toMatchObject(
      { key: null },
    );
    expect(parseDossierLink("https://vitae.example.org/verify")).toBeNull();
  });

  it("fits a QR code of version 10 or less at level M (measured)", () => {
    const { id, key } = newShareSecrets();
    const local = create(dossierLink("http://localhost:3000", id, key), {
      errorCorrectionLevel: "M",
    });
    const hosted = create(dossierLink("https://wallet.vitae-health.example.org", id, key), {
      errorCorrectionLevel: "M",
    });
    expect(local.version).toBeLessThanOrEqual(10);
    expect(hosted.version).toBeLessThanOrEqual(10);
    console.info(
      `dossier link QR: version ${local.version} (localhost), ${hosted.version} (hosted)`,
    );
  });
});
