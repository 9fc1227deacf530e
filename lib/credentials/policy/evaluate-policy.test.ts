import { describe, expect, it } from "vitest";
import type { DecodedCredential } from "../schemas";
import {
  check,
  resultOf,
  type Check,
  type PresentationCheck,
  type VerificationResult,
} from "../verification";
import { evaluatePolicy, type PresentationOutcome } from "./evaluate-policy";
import { requestDcql } from "./request-dcql";
import { requestPolicySchema, type Requirement } from "./schemas";

const now = new Date("2026-06-15T12:00:00Z");
const HOLDER = "did:key:zHolder";

function decoded(type: string, subject: Record<string, unknown>): DecodedCredential {
  return {
    jwt: "a.b.c",
    header: { alg: "ES256" },
    payload: {},
    vc: {
      "@context": ["https://www.w3.org/2018/credentials/v1"],
      type: ["VerifiableCredential", type],
      credentialSubject: { id: HOLDER, name: "Dr Amira Haddad", ...subject },
    },
    issuer: "did:web:vitae.test:issuers:eastland-licensing",
    subject: HOLDER,
    type,
    id: undefined,
    issuedAt: undefined,
    validFrom: undefined,
    validUntil: undefined,
  };
}

type State =
  "valid" | "revoked" | "suspended" | "unknown" | "unaccredited" | "tampered" | "expired";

function checksFor(state: State): Check[] {
  const ok = [
    check("format", true, "FORMAT_OK"),
    check("signature", true, "SIGNATURE_VALID"),
    check("validity", true, "VALIDITY_OK"),
    check("status", true, "STATUS_ACTIVE"),
    check("anchor", true, "ANCHOR_MATCH"),
    check("trust", true, "TRUST_ACCREDITED"),
  ];
  const replace = (c: Check) => ok.map((o) => (o.id === c.id ? c : o));
  switch (state) {
    case "valid":
      return ok;
    case "revoked":
      return replace(check("status", false, "REVOKED"));
    case "suspended":
      return replace(check("status", false, "SUSPENDED"));
    case "unknown":
      return replace(check("status", null, "STATUS_LIST_UNAVAILABLE"));
    case "unaccredited":
      return replace(check("trust", false, "NOT_ACCREDITED_FOR_TYPE"));
    case "expired":
      return replace(check("validity", false, "EXPIRED"));
    case "tampered":
      return replace(check("signature", false, "SIGNATURE_INVALID"));
  }
}

function cred(
  type: string,
  subject: Record<string, unknown>,
  state: State = "valid",
): VerificationResult<DecodedCredential> {
  return resultOf(checksFor(state), decoded(type, subject));
}

const licence = (jurisdiction = "Eastland", conditions?: unknown[]) =>
  ({ licenseNumber: "EL-1", jurisdiction, ...(conditions ? { conditions } : {}) }) as Record<
    string,
    unknown
  >;
const certification = (label = "Cardiology") => ({
  specialty: { code: "394579002", label },
  certifyingBoard: "Eastland Board",
  certifiedOn: "2020-01-01",
});
const privileges = (labels: string[], start = "2025-01-01") => ({
  facility: "St Aurelia",
  department: "Cardiology",
  role: "Consultant",
  procedures: labels.map((label) => ({ label })),
  period: { start, end: "2027-01-01" },
});
const cme = (hours: number, completedOn = "2026-03-01") => ({
  achievement: {
    type: ["Achievement"],
    achievementType: "ext:CMEActivity",
    name: "Cardiology update",
    description: "d",
    criteria: { narrative: "n" },
  },
  creditsEarned: hours,
  completedOn,
});

const presentationOk: PresentationCheck[] = [
  { id: "format", ok: true, code: "PRESENTATION_FORMAT_OK", message: "ok" },
  { id: "signature", ok: true, code: "HOLDER_SIGNATURE_VALID", message: "ok" },
  { id: "validity", ok: true, code: "PRESENTATION_VALIDITY_OK", message: "ok" },
  { id: "challenge", ok: true, code: "NONCE_OK", message: "ok" },
  { id: "audience", ok: true, code: "AUDIENCE_OK", message: "ok" },
  { id: "holder", ok: true, code: "HOLDER_IS_SUBJECT", message: "ok" },
  { id: "credentials", ok: true, code: "CREDENTIALS_VERIFIED", message: "ok" },
];

function presented(...credentials: VerificationResult<DecodedCredential>[]): PresentationOutcome {
  return { checks: presentationOk, credentials };
}

function evaluate(requirements: Requirement[], outcome: PresentationOutcome) {
  return evaluatePolicy({ requirements }, outcome, { now });
}

const outcomes = (e: ReturnType<typeof evaluate>) => e.requirements.map((r) => r.outcome);

const LICENSED: Requirement = { kind: "licensed", jurisdiction: "Eastland" };
const CARDIOLOGY: Requirement = { kind: "board-certified", specialty: "Cardiology" };
const ANGIOGRAPHY: Requirement = { kind: "privileges", procedure: "Coronary angiography" };
const CME_20: Requirement = { kind: "cme", hours: 20 };

describe("request policy schema and DCQL", () => {
  it("parses a combined request and refuses empty or unknown presets with reasons", () => {
    const ok = requestPolicySchema.safeParse({
      verifierName: "St Aurelia credentialing office",
      purpose: "Locum shift",
      requirements: [LICENSED, CARDIOLOGY, ANGIOGRAPHY, CME_20],
    });
    expect(ok.success).toBe(true);
    const empty = requestPolicySchema.safeParse({
      verifierName: "x",
      purpose: "y",
      requirements: [],
    });
    expect(empty.error?.issues[0]?.message).toBe("Ask for at least one thing");
    const unknown = requestPolicySchema.safeParse({
      verifierName: "x",
      purpose: "y",
      requirements: [{ kind: "astrology" }],
    });
    expect(unknown.success).toBe(false);
    const blank = requestPolicySchema.safeParse({
      verifierName: "x",
      purpose: "y",
      requirements: [{ kind: "licensed", jurisdiction: "  " }],
    });
    expect(blank.error?.issues[0]?.message).toBe("The jurisdiction is required");
    const hours = requestPolicySchema.safeParse({
      verifierName: "x",
      purpose: "y",
      requirements: [{ kind: "cme", hours: 0 }],
    });
    expect(hours.error?.issues[0]?.message).toBe("The hours must be more than 0");
  });

  it("maps each preset to one jwt_vc_json credential query", () => {
    const dcql = requestDcql({ requirements: [LICENSED, CARDIOLOGY, ANGIOGRAPHY, CME_20] });
    expect(dcql.credentials.map((c) => c.id)).toEqual([
      "r1-licensed",
      "r2-board-certified",
      "r3-privileges",
      "r4-cme",
    ]);
    expect(dcql.credentials.every((c) => c.format === "jwt_vc_json")).toBe(true);
    expect(dcql.credentials[0]).toMatchObject({
      meta: { type_values: [["VerifiableCredential", "MedicalLicenseCredential"]] },
      claims: [{ path: ["credentialSubject", "jurisdiction"], values: ["Eastland"] }, {}],
    });
    expect(dcql.credentials[2]!.claims![0]).toEqual({
      id: "procedure",
      path: ["credentialSubject", "procedures", null, "label"],
      values: ["Coronary angiography"],
    });
    expect(dcql.credentials[3]!.multiple).toBe(true);
  });
});

describe("evaluatePolicy: licensed in {jurisdiction}, no conditions", () => {
  it("is met by a valid licence in that jurisdiction without conditions", () => {
    const e = evaluate([LICENSED], presented(cred("MedicalLicenseCredential", licence())));
    expect(e.outcome).toBe("met");
    expect(e.requirements[0]).toMatchObject({
      id: "r1-licensed",
      label: "Licensed physician in Eastland, no conditions on practice",
      credentials: [1],
    });
  });
  it("is not met by a licence with conditions, and names them", () => {
    const e = evaluate(
      [LICENSED],
      presented(
        cred("MedicalLicenseCredential", licence("Eastland", [{ text: "Supervision required" }])),
      ),
    );
    expect(e.outcome).toBe("not_met");
    expect(e.requirements[0]!.reason).toContain("Supervision required");
  });
  it("is not met by a licence elsewhere, or by another kind of credential", () => {
    expect(
      evaluate([LICENSED], presented(cred("MedicalLicenseCredential", licence("Westland"))))
        .requirements[0]!.reason,
    ).toContain("Westland, not Eastland");
    expect(
      evaluate([LICENSED], presented(cred("SpecialtyCertificationCredential", certification())))
        .requirements[0]!.reason,
    ).toBe("No credential of this kind was presented.");
  });
  it.each([
    ["revoked", "not_met", "revoked"],
    ["suspended", "not_met", "suspended"],
    ["expired", "not_met", "expired"],
    ["unaccredited", "not_met", "not accredited"],
    ["unknown", "unknown", "could not be fetched"],
  ] as const)("a %s licence gives %s", (state, outcome, words) => {
    const e = evaluate([LICENSED], presented(cred("MedicalLicenseCredential", licence(), state)));
    expect(e.outcome).toBe(outcome);
    expect(e.requirements[0]!.reason).toContain(words);
  });
  it("ignores a tampered licence entirely (its claims are not trusted)", () => {
    const e = evaluate(
      [LICENSED],
      presented(cred("MedicalLicenseCredential", licence(), "tampered")),
    );
    expect(e.outcome).toBe("not_met");
    expect(e.requirements[0]!.reason).toBe(
      "No credential whose issuer signature could be confirmed shows it.",
    );
  });
  it("prefers a valid licence over a revoked one presented alongside", () => {
    const e = evaluate(
      [LICENSED],
      presented(
        cred("MedicalLicenseCredential", licence(), "revoked"),
        cred("MedicalLicenseCredential", licence()),
      ),
    );
    expect(e.outcome).toBe("met");
    expect(e.requirements[0]!.credentials).toEqual([2]);
  });
});

describe("evaluatePolicy: board-certified in {specialty}", () => {
  it("is met by a valid certification in that specialty only", () => {
    expect(
      evaluate([CARDIOLOGY], presented(cred("SpecialtyCertificationCredential", certification())))
        .outcome,
    ).toBe("met");
    const other = evaluate(
      [CARDIOLOGY],
      presented(cred("SpecialtyCertificationCredential", certification("Dermatology"))),
    );
    expect(other.outcome).toBe("not_met");
    expect(other.requirements[0]!.reason).toContain("Dermatology, not Cardiology");
  });
  it("is not met by a revoked certification; cannot be checked when status is unknown", () => {
    expect(
      evaluate(
        [CARDIOLOGY],
        presented(cred("SpecialtyCertificationCredential", certification(), "revoked")),
      ).outcome,
    ).toBe("not_met");
    expect(
      evaluate(
        [CARDIOLOGY],
        presented(cred("SpecialtyCertificationCredential", certification(), "unknown")),
      ).outcome,
    ).toBe("unknown");
  });
});

describe("evaluatePolicy: privileges for {procedure}", () => {
  it("is met when one of the privileged procedures is the one asked for", () => {
    const e = evaluate(
      [ANGIOGRAPHY],
      presented(
        cred(
          "ClinicalPrivilegesCredential",
          privileges(["Echocardiography", "Coronary angiography"]),
        ),
      ),
    );
    expect(e.outcome).toBe("met");
  });
  it("is not met for other procedures, or privileges that have not started", () => {
    expect(
      evaluate(
        [ANGIOGRAPHY],
        presented(cred("ClinicalPrivilegesCredential", privileges(["Echocardiography"]))),
      ).outcome,
    ).toBe("not_met");
    const future = evaluate(
      [ANGIOGRAPHY],
      presented(
        cred("ClinicalPrivilegesCredential", privileges(["Coronary angiography"], "2026-09-01")),
      ),
    );
    expect(future.outcome).toBe("not_met");
    expect(future.requirements[0]!.reason).toContain("start on 2026-09-01");
  });
  it("is not met by privileges from an unaccredited issuer", () => {
    expect(
      evaluate(
        [ANGIOGRAPHY],
        presented(
          cred(
            "ClinicalPrivilegesCredential",
            privileges(["Coronary angiography"]),
            "unaccredited",
          ),
        ),
      ).outcome,
    ).toBe("not_met");
  });
});

describe("evaluatePolicy: CME ≥ N hours in the last 12 months", () => {
  it("adds up valid activities in the window", () => {
    const e = evaluate(
      [CME_20],
      presented(
        cred("CompetencyCredential", cme(12)),
        cred("CompetencyCredential", cme(8, "2025-07-01")),
      ),
    );
    expect(e.outcome).toBe("met");
    expect(e.requirements[0]!.credentials).toEqual([1, 2]);
    expect(e.requirements[0]!.reason).toContain("20 hours");
  });
  it("does not count activities older than 12 months, revoked ones, or other competencies", () => {
    const course = {
      ...cme(30),
      achievement: { ...cme(30).achievement, achievementType: "Course" },
    };
    const e = evaluate(
      [CME_20],
      presented(
        cred("CompetencyCredential", cme(12)),
        cred("CompetencyCredential", cme(15, "2025-05-01")),
        cred("CompetencyCredential", cme(15), "revoked"),
        cred("CompetencyCredential", course),
      ),
    );
    expect(e.outcome).toBe("not_met");
    expect(e.requirements[0]!.reason).toContain("12 hours of valid CME");
    expect(e.requirements[0]!.reason).toContain("more than 12 months ago");
    expect(e.requirements[0]!.reason).toContain("revoked");
  });
  it("cannot be checked when the missing hours come from credentials of unknown status", () => {
    const e = evaluate(
      [CME_20],
      presented(
        cred("CompetencyCredential", cme(12)),
        cred("CompetencyCredential", cme(10), "unknown"),
      ),
    );
    expect(e.outcome).toBe("unknown");
  });
  it("is not met when none is presented", () => {
    expect(
      evaluate([CME_20], presented(cred("MedicalLicenseCredential", licence()))).requirements[0]!
        .reason,
    ).toBe("No CME activity was presented.");
  });
});

describe("evaluatePolicy: combinations", () => {
  const all = [LICENSED, CARDIOLOGY, ANGIOGRAPHY, CME_20];
  const everything = (licenceState: State = "valid", certState: State = "valid") =>
    presented(
      cred("MedicalLicenseCredential", licence(), licenceState),
      cred("SpecialtyCertificationCredential", certification(), certState),
      cred("ClinicalPrivilegesCredential", privileges(["Coronary angiography"])),
      cred("CompetencyCredential", cme(25)),
    );
  it("is met only when every requirement is met", () => {
    const e = evaluate(all, everything());
    expect(outcomes(e)).toEqual(["met", "met", "met", "met"]);
    expect(e.outcome).toBe("met");
  });
  it("one revoked credential makes the whole policy not met, the rest still shown", () => {
    const e = evaluate(all, everything("revoked"));
    expect(outcomes(e)).toEqual(["not_met", "met", "met", "met"]);
    expect(e.outcome).toBe("not_met");
  });
  it("unknown beats met but not not-met", () => {
    expect(evaluate(all, everything("valid", "unknown")).outcome).toBe("unknown");
    expect(evaluate(all, everything("revoked", "unknown")).outcome).toBe("not_met");
  });
  it("a missing credential fails its requirement only", () => {
    const e = evaluate(
      [LICENSED, CARDIOLOGY],
      presented(cred("MedicalLicenseCredential", licence())),
    );
    expect(outcomes(e)).toEqual(["met", "not_met"]);
  });
  it("a presentation that failed its own checks satisfies nothing", () => {
    const replayed: PresentationCheck[] = presentationOk.map((c) =>
      c.id === "challenge"
        ? { ...c, ok: false, code: "NONCE_REPLAYED", message: "The nonce was already used." }
        : c,
    );
    const e = evaluate([LICENSED], {
      checks: replayed,
      credentials: [cred("MedicalLicenseCredential", licence())],
    });
    expect(e.outcome).toBe("not_met");
    expect(e.requirements[0]!.reason).toContain("nonce was already used");
    const unsure: PresentationCheck[] = presentationOk.map((c) =>
      c.id === "signature"
        ? { ...c, ok: null, code: "DID_NOT_RESOLVED", message: "DID not resolved." }
        : c,
    );
    expect(
      evaluate([LICENSED], {
        checks: unsure,
        credentials: [cred("MedicalLicenseCredential", licence())],
      }).outcome,
    ).toBe("unknown");
  });
});
