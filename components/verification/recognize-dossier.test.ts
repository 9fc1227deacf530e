import { describe, expect, it } from "vitest";
import { fixtures } from "@/lib/credentials/__fixtures__/harness";
import { recognizeDossier } from "./recognize-dossier";

const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

describe("recognizeDossier", () => {
  it("recognises a dossier link and a presentation JWT, and leaves credentials alone", () => {
    const id = "A".repeat(22);
    const key = "b".repeat(43);
    expect(recognizeDossier(`  https://vitae.example/s/${id}#${key}\n`)).toEqual({
      kind: "link",
      link: { origin: "https://vitae.example", id, key },
    });
    const vp = `${enc({ alg: "ES256" })}.${enc({ vp: { verifiableCredential: [] } })}.c2ln`;
    expect(recognizeDossier(vp)).toEqual({ kind: "jwt", jwt: vp });
    const credential = Object.values(fixtures.jwts).find((v) => typeof v === "string");
    expect(typeof credential).toBe("string");
    expect(recognizeDossier(credential as string)).toBeNull();
    expect(recognizeDossier("hello. world. again")).toBeNull();
  });
});
