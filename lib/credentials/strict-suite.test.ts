import { beforeAll, describe, expect, it } from "vitest";
import {
  createStrictEnv,
  mismatch,
  strictCases,
  type StrictEnv,
} from "./__fixtures__/strict-cases";

/**
 * The strict suite in Node. The same table runs in Chromium (e2e/core/strict-suite.spec.ts),
 * which also compares both runtimes' answers check by check.
 */

describe("strict suite (Node)", () => {
  let env: StrictEnv;
  beforeAll(async () => {
    env = await createStrictEnv();
  });

  it.each(strictCases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const outcome = await c.run(env);
    expect(outcome.checks).toEqual(expect.arrayContaining(c.expect));
    expect(outcome.verified).toBe(c.verified);
  });

  it("covers every presentation check id and rejects with distinct codes", () => {
    const codes = new Set(strictCases.flatMap((c) => c.expect.map((e) => e.split(":")[2])));
    for (const code of [
      "ISSUER_MISMATCH",
      "EXPIRED",
      "NOT_YET_VALID",
      "STATUS_TYPE_UNSUPPORTED",
      "NOT_ACCREDITED_FOR_TYPE",
      "ALG_NOT_ALLOWED",
      "ALG_KEY_MISMATCH",
      "KEY_NOT_FOUND",
      "SIGNATURE_INVALID",
      "NON_CANONICAL_BASE64URL",
      "INPUT_TOO_LARGE",
      "INVALID_JSON",
      "CREDENTIAL_NOT_VERIFIED",
      "CREDENTIAL_UNKNOWN",
      "HOLDER_NOT_SUBJECT",
      "NONCE_MISSING",
      "NONCE_MISMATCH",
      "NONCE_REPLAYED",
      "AUDIENCE_MISSING",
      "AUDIENCE_MISMATCH",
      "PRESENTATION_EMPTY",
      "TOO_MANY_CREDENTIALS",
    ]) {
      expect(codes).toContain(code);
    }
  });

  it("flags a report that misses its code or its verdict (what the Chromium run relies on)", () => {
    const report = {
      name: "x",
      kind: "credential" as const,
      expectedVerified: false,
      expect: ["signature:false:ALG_NOT_ALLOWED"],
      verified: false,
      checks: ["format:true:FORMAT_OK", "signature:false:SIGNATURE_INVALID"],
    };
    expect(mismatch(report)).toMatch(/missing signature:false:ALG_NOT_ALLOWED/);
    expect(mismatch({ ...report, verified: true })).toMatch(/verified is true/);
    expect(mismatch({ ...report, checks: ["signature:false:ALG_NOT_ALLOWED"] })).toBeNull();
  });
});
