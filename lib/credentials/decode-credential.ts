import { decodeJwt, type DecodedJwt } from "./decode-jwt";
import {
  credentialClaimSchema,
  credentialTypeSchema,
  W3C_CREDENTIALS_V1,
  type CredentialClaim,
  type DecodedCredential,
} from "./schemas";
import type { VerificationCode } from "./verification";

/**
 * Reads a JWT VC (VCDM 1.1 JWT encoding, as did-jwt-vc writes it) into a `DecodedCredential`,
 * without checking the signature. Where the JWT claims and the `vc` claim could say different
 * things (issuer, subject), we refuse instead of picking one: a credential must mean one thing.
 * Dates from both places are combined so the strictest bound wins.
 */

export type DecodeCredentialResult =
  | { ok: true; credential: DecodedCredential; jws: DecodedJwt }
  | { ok: false; code: VerificationCode; message: string };

const BARE_DID = /^did:[a-z0-9]+:[^#?/\s]+$/;
const XSD_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const knownTypes: readonly string[] = credentialTypeSchema.options;

type DateResult = { ok: true; date: Date | undefined } | { ok: false; message: string };

function numericDate(payload: Record<string, unknown>, claim: string): DateResult {
  const value = payload[claim];
  if (value === undefined) return { ok: true, date: undefined };
  if (typeof value !== "number" || !Number.isFinite(value)) {
    return { ok: false, message: `The JWT's \`${claim}\` is not a number of seconds.` };
  }
  return { ok: true, date: new Date(value * 1000) };
}

function isoDate(value: string | undefined, field: string): DateResult {
  if (value === undefined) return { ok: true, date: undefined };
  const time = XSD_DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time))
    return { ok: false, message: `The credential's \`${field}\` is not a date-time.` };
  return { ok: true, date: new Date(time) };
}

function pick(dates: (Date | undefined)[], choose: "earliest" | "latest"): Date | undefined {
  const present = dates.filter((d): d is Date => d !== undefined);
  if (present.length === 0) return undefined;
  const times = present.map((d) => d.getTime());
  return new Date(choose === "earliest" ? Math.min(...times) : Math.max(...times));
}

function mostSpecificType(types: string[]): string {
  return (
    types.find((t) => knownTypes.includes(t)) ??
    types.filter((t) => t !== "VerifiableCredential").at(-1) ??
    "VerifiableCredential"
  );
}

type Json = Record<string, unknown>;

function isPlainRecord(value: unknown): value is Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  // `__proto__` as an own key is legal JSON that the schema treats in its own way: leave it to it.
  return (proto === Object.prototype || proto === null) && !Object.hasOwn(value, "__proto__");
}

function isStringList(value: unknown): value is string[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const item of value) if (typeof item !== "string") return false;
  return true;
}

const optionalString = (value: unknown) => value === undefined || typeof value === "string";
const OPTIONAL_STRINGS = [
  "id",
  "issuanceDate",
  "expirationDate",
  "validFrom",
  "validUntil",
  "previous",
] as const;

/**
 * `credentialClaimSchema.safeParse(vc)` for a well-formed `vc` claim, checked by hand: zod costs
 * more per credential than the rest of decoding, and a roster decodes 10,000. The same rules,
 * the same output (unknown members dropped, lists and records copied); anything the shortcut
 * does not accept goes through the schema, which is the authority and words the reason.
 * (fast-paths.test.ts holds the two to the same answers.)
 */
export function parseCredentialClaim(
  vc: unknown,
): { success: true; data: CredentialClaim } | ReturnType<typeof credentialClaimSchema.safeParse> {
  if (!isPlainRecord(vc)) return credentialClaimSchema.safeParse(vc);
  const context = vc["@context"];
  const type = vc.type;
  const { issuer, credentialSubject, credentialStatus } = vc;
  let status: Json | Json[] | undefined;
  if (credentialStatus === undefined) status = undefined;
  else if (isPlainRecord(credentialStatus)) status = { ...credentialStatus };
  else if (Array.isArray(credentialStatus) && credentialStatus.every(isPlainRecord))
    status = credentialStatus.map((entry) => ({ ...entry }));
  else return credentialClaimSchema.safeParse(vc);
  const issuerOk =
    issuer === undefined ||
    typeof issuer === "string" ||
    (isPlainRecord(issuer) && typeof issuer.id === "string" && optionalString(issuer.name));
  if (
    !isStringList(context) ||
    !isStringList(type) ||
    !issuerOk ||
    !isPlainRecord(credentialSubject) ||
    !OPTIONAL_STRINGS.every((key) => optionalString(vc[key]))
  ) {
    return credentialClaimSchema.safeParse(vc);
  }
  const data: Json = { "@context": [...context], type: [...type] };
  if (vc.id !== undefined) data.id = vc.id;
  if (issuer !== undefined) {
    data.issuer =
      typeof issuer === "string"
        ? issuer
        : issuer.name === undefined
          ? { id: issuer.id }
          : { id: issuer.id, name: issuer.name };
  }
  data.credentialSubject = { ...credentialSubject };
  if (status !== undefined) data.credentialStatus = status;
  for (const key of OPTIONAL_STRINGS)
    if (key !== "id" && vc[key] !== undefined) data[key] = vc[key];
  return { success: true, data: data as CredentialClaim };
}

function fail(code: VerificationCode, message: string): DecodeCredentialResult {
  return { ok: false, code, message };
}

export function decodeCredential(jwt: string): DecodeCredentialResult {
  const jws = decodeJwt(jwt);
  if (!jws.ok) return jws;
  const { header, payload } = jws;

  const parsedVc = parseCredentialClaim(payload.vc);
  if (!parsedVc.success) {
    const issue = parsedVc.error.issues[0];
    const where = issue?.path.length ? `vc.${issue.path.join(".")}` : "vc";
    return fail(
      "NOT_A_CREDENTIAL",
      payload.vc === undefined
        ? "The JWT has no `vc` claim, so it is not a verifiable credential."
        : `The JWT's \`${where}\` is malformed: ${issue?.message}.`,
    );
  }
  const vc = parsedVc.data;
  if (vc["@context"][0] !== W3C_CREDENTIALS_V1) {
    return fail(
      "NOT_A_CREDENTIAL",
      `The credential's first @context must be ${W3C_CREDENTIALS_V1}.`,
    );
  }
  if (!vc.type.includes("VerifiableCredential")) {
    return fail("NOT_A_CREDENTIAL", "The credential's type does not include VerifiableCredential.");
  }

  const iss = payload.iss;
  if (typeof iss !== "string" || !BARE_DID.test(iss)) {
    return fail("NOT_A_CREDENTIAL", "The credential's JWT issuer (`iss`) is missing or not a DID.");
  }
  const vcIssuer = typeof vc.issuer === "string" ? vc.issuer : vc.issuer?.id;
  if (vcIssuer !== undefined && vcIssuer !== iss) {
    return fail(
      "ISSUER_MISMATCH",
      `The credential names ${vcIssuer} as issuer, but ${iss} signed it.`,
    );
  }

  const sub = payload.sub;
  if (sub !== undefined && typeof sub !== "string") {
    return fail("NOT_A_CREDENTIAL", "The credential's JWT subject (`sub`) is not a string.");
  }
  const subjectId = vc.credentialSubject.id;
  if (subjectId !== undefined && typeof subjectId !== "string") {
    return fail("NOT_A_CREDENTIAL", "The credential's `credentialSubject.id` is not a string.");
  }
  // did-jwt-vc moves credentialSubject.id into `sub`; when both are present they must agree.
  if (subjectId !== undefined && sub !== undefined && subjectId !== sub) {
    return fail(
      "SUBJECT_MISMATCH",
      `The credential's subject is ${subjectId}, but the JWT's \`sub\` is ${sub}.`,
    );
  }

  const jti = payload.jti;
  if (jti !== undefined && typeof jti !== "string") {
    return fail("NOT_A_CREDENTIAL", "The credential's JWT id (`jti`) is not a string.");
  }

  const dates = [
    numericDate(payload, "exp"),
    numericDate(payload, "nbf"),
    numericDate(payload, "iat"),
    isoDate(vc.expirationDate, "expirationDate"),
    isoDate(vc.validUntil, "validUntil"),
    isoDate(vc.validFrom, "validFrom"),
    isoDate(vc.issuanceDate, "issuanceDate"),
  ] as const;
  for (const d of dates) if (!d.ok) return fail("NOT_A_CREDENTIAL", d.message);
  const [exp, nbf, iat, expirationDate, validUntil, validFrom, issuanceDate] = dates.map((d) =>
    d.ok ? d.date : undefined,
  ) as (Date | undefined)[];

  return {
    ok: true,
    jws,
    credential: {
      jwt,
      header,
      payload,
      vc,
      issuer: iss,
      subject: sub ?? subjectId,
      type: mostSpecificType(vc.type),
      id: jti ?? vc.id,
      issuedAt: iat ?? issuanceDate ?? nbf,
      validFrom: pick([nbf, validFrom, issuanceDate], "latest"),
      validUntil: pick([exp, expirationDate, validUntil], "earliest"),
    },
  };
}
