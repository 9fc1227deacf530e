import { describe, expect, it } from "vitest";
import { happyDeps, NOW, payloadOf, reissue } from "@/lib/credentials/__fixtures__/harness";
import { createPresentation } from "@/lib/wallet/create-presentation";
import { generateHolderKey } from "@/lib/wallet/holder-key";
import { verifyRoster } from "./verify-roster";

/** Presentations in a roster, on the core's committed fixtures (fixed keys, fixed clock). */
describe("verifyRoster with presentations", () => {
  it("verifies each embedded credential and names the one that decided the row", async () => {
    const holder = await generateHolderKey();
    const bound = await reissue((p) => (p.sub = holder.did));
    const unbound = await reissue(() => undefined);
    // The same signature over an edited payload (another name).
    const [h, , s] = bound.split(".") as [string, string, string];
    const edited = payloadOf(bound) as { vc: { credentialSubject: { name: string } } };
    edited.vc.credentialSubject.name = "Dr Someone Else";
    const body = Buffer.from(JSON.stringify(edited)).toString("base64url");
    const tampered = `${h}.${body}.${s}`;
    const present = (credentials: string[]) =>
      createPresentation(
        holder,
        credentials,
        { nonce: "n-1", audience: "https://hr.example" },
        { now: NOW },
      );
    const { deps } = await happyDeps();
    const rows = await verifyRoster(
      [
        { reference: "ok", text: await present([bound]) },
        { reference: "not-theirs", text: await present([bound, unbound]) },
        { reference: "tampered", text: await present([bound, tampered]) },
      ],
      deps,
    );
    expect(rows.map((r) => [r.reference, r.kind, r.verdict, r.code])).toEqual([
      ["ok", "presentation", "valid", "VERIFIED"],
      ["not-theirs", "presentation", "invalid", "HOLDER_NOT_SUBJECT"],
      ["tampered", "presentation", "invalid", "SIGNATURE_INVALID"],
    ]);
    expect(rows[0]!.status).toBe("active");
    expect(rows[0]!.subjectName).not.toBe("");
    expect(rows[2]!.message).toMatch(/^Credential 2 of 2 in the presentation: /);
    expect(rows[1]!.message).toMatch(/^The presentation: /);
  });
});
