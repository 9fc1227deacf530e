import "client-only";
import { decodeJwt } from "./decode-jwt";

/**
 * Turns a credential JWT (or a claim offer's preview) into what the wallet shows: a readable
 * title, the subject's fields with labels, and any conditions on practice. Display only: nothing
 * here is checked, and a credential that does not decode still gets a card, never a crash.
 */

export type SubjectField = { key: string; label: string; value: string };
export type PracticeCondition = { code?: string; text: string };

export type CredentialDescription = {
  id: string | undefined;
  /** The most specific type, e.g. "MedicalLicenseCredential". */
  type: string;
  title: string;
  issuerDid: string | undefined;
  subjectDid: string | undefined;
  holderName: string | undefined;
  fields: SubjectField[];
  conditions: PracticeCondition[];
  issuedAt: Date | undefined;
  validUntil: Date | undefined;
};

const titles: Record<string, string> = {
  MedicalLicenseCredential: "Medical licence",
  VerifiableCredential: "Credential",
};

/** "MedicalLicenseCredential" → "Medical licence"; unknown types are split at capitals. */
export function credentialTitle(type: string): string {
  const known = titles[type];
  if (known) return known;
  const words = type
    .replace(/Credential$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Credential";
}

const labels: Record<string, string> = {
  name: "Holder",
  licenseNumber: "Licence number",
  jurisdiction: "Jurisdiction",
  scope: "Scope of practice",
};
// Fields are shown in this order first, then any others the issuer included.
const order = Object.keys(labels);
const hidden = new Set(["id", "conditions"]);

function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function subjectFields(subject: Record<string, unknown>): SubjectField[] {
  const keys = Object.keys(subject).filter((k) => !hidden.has(k));
  keys.sort((a, b) => rank(a) - rank(b));
  return keys.flatMap((key) => {
    const value = subject[key];
    if (typeof value !== "string" && typeof value !== "number") return [];
    if (value === "") return [];
    return [{ key, label: labels[key] ?? humanize(key), value: String(value) }];
  });
}

function rank(key: string): number {
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
}

/** Accepts `[{ code?, text }]` as the schema says, and plain strings from lenient issuers. */
export function practiceConditions(value: unknown): PracticeCondition[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): PracticeCondition[] => {
    if (typeof item === "string" && item.trim()) return [{ text: item }];
    if (typeof item !== "object" || item === null) return [];
    const { code, text } = item as Record<string, unknown>;
    if (typeof text !== "string" || !text.trim()) return [];
    return [typeof code === "string" && code ? { code, text } : { text }];
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

function asDate(value: unknown): Date | undefined {
  const date =
    typeof value === "number"
      ? new Date(value * 1000)
      : typeof value === "string"
        ? new Date(value)
        : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

export function describeCredential(jwt: string): CredentialDescription {
  const payload = decodeJwt(jwt)?.payload ?? {};
  const vc = asRecord(payload.vc);
  const types = Array.isArray(vc.type) ? vc.type.filter((t) => typeof t === "string") : [];
  const type = types.find((t) => t !== "VerifiableCredential") ?? "VerifiableCredential";
  const subject = asRecord(vc.credentialSubject);
  const vcIssuer = vc.issuer;
  return {
    id: asString(payload.jti) ?? asString(vc.id),
    type,
    title: credentialTitle(type),
    issuerDid: asString(payload.iss) ?? asString(vcIssuer) ?? asString(asRecord(vcIssuer).id),
    subjectDid: asString(payload.sub) ?? asString(subject.id),
    holderName: asString(subject.name),
    fields: subjectFields(subject),
    conditions: practiceConditions(subject.conditions),
    issuedAt: asDate(payload.nbf ?? payload.iat ?? vc.validFrom ?? vc.issuanceDate),
    validUntil: asDate(payload.exp ?? vc.validUntil ?? vc.expirationDate),
  };
}
