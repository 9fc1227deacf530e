import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { check, resultOf, verificationCodes } from "./verification";

describe("verification codes", () => {
  it("are all documented in docs/verification-codes.md", () => {
    const doc = readFileSync(
      fileURLToPath(new URL("../../docs/verification-codes.md", import.meta.url)),
      "utf8",
    );
    // The "Rosters" section lists the roster page's file-level codes (tested with the roster).
    const credentialSections = doc.split(/^## Rosters$/m)[0] ?? "";
    const documented = new Set(
      [...credentialSections.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]),
    );
    expect([...documented].sort()).toEqual(Object.keys(verificationCodes).sort());
  });

  it("never count 'could not be checked' as verified", () => {
    expect(
      resultOf([check("format", true, "FORMAT_OK"), check("anchor", null, "LEDGER_UNAVAILABLE")])
        .verified,
    ).toBe(false);
    expect(resultOf([]).verified).toBe(false);
  });
});
