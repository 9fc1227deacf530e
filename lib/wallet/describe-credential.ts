import "client-only";
import { isCredentialTypeName, valueAt } from "@/lib/credentials/credential-types";
import {
  credentialTitle as universalTitle,
  describeCredential as describeSubject,
  type DescribedField,
  type PracticeConditionView,
} from "@/lib/credentials/describe-credential";
import { credentialTitleIn, fieldLabelIn, optionLabelIn } from "@/lib/i18n/credential-labels";
import type { Locale } from "@/lib/i18n/locales";
import { decodeJwt } from "./decode-jwt";

/**
 * Turns a credential JWT (or a claim offer's preview) into what the wallet shows: a readable
 * title, the subject's fields with labels, and any conditions on practice. The reading itself is
 * the universal describer's (lib/credentials/describe-credential.ts), shared with the verifier
 * and the issuer console. Display only: nothing here is checked, and a credential that does not
 * decode still gets a card, never a crash.
 */

export type SubjectField = DescribedField;
export type PracticeCondition = PracticeConditionView;

export type CredentialDescription = {
  id: string | undefined;
  /** The most specific type, e.g. "MedicalLicenseCredential". */
  type: string;
  title: string;
  issuerDid: string | undefined;
  subjectDid: string | undefined;
  holderName: string | undefined;
  /** The holder first, then the type's facts and the period they cover. */
  fields: SubjectField[];
  conditions: PracticeCondition[];
  /** Conditions are listed that could not be read. */
  conditionsUnreadable: boolean;
  issuedAt: Date | undefined;
  validUntil: Date | undefined;
};

/** The type's readable title, in the wallet's language (English by default). */
export function credentialTitle(type: string, locale: Locale = "en"): string {
  return credentialTitleIn(locale, type, universalTitle(type));
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** A field in the wallet's language: its label, a select's value, and a date in local form. */
function localize(
  field: SubjectField,
  type: string,
  subject: Record<string, unknown>,
  locale: Locale,
): SubjectField {
  if (locale === "en") return field;
  const raw = valueAt(subject, field.key);
  const value =
    typeof raw === "string" && isoDay.test(raw) && !Number.isNaN(Date.parse(raw))
      ? new Date(`${raw}T00:00:00Z`).toLocaleDateString(locale, {
          dateStyle: "medium",
          timeZone: "UTC",
        })
      : optionLabelIn(locale, field.key, field.value);
  return { ...field, label: fieldLabelIn(locale, type, field.key, field.label), value };
}

/** The holder, the facts and the period of a subject, as labelled fields for a card. */
export function subjectFields(
  type: string,
  subject: Record<string, unknown>,
  locale: Locale = "en",
): SubjectField[] {
  const d = describeSubject({ type, subject });
  return [
    ...(d.holderName ? [{ key: "name", label: "Holder", value: d.holderName }] : []),
    ...d.fields,
    ...(d.period.start ? [d.period.start] : []),
    ...(d.period.end ? [d.period.end] : []),
  ].map((field) => localize(field, type, subject, locale));
}

export function practiceConditions(type: string, subject: Record<string, unknown>) {
  return describeSubject({ type, subject }).conditions;
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

export function describeCredential(jwt: string, locale: Locale = "en"): CredentialDescription {
  const payload = decodeJwt(jwt)?.payload ?? {};
  const vc = asRecord(payload.vc);
  const types = Array.isArray(vc.type) ? vc.type.filter((t) => typeof t === "string") : [];
  // The Vitae type, not a generic one it also carries (e.g. Open Badges' AchievementCredential).
  const type =
    types.find(isCredentialTypeName) ??
    types.filter((t) => t !== "VerifiableCredential").at(-1) ??
    "VerifiableCredential";
  const subject = asRecord(vc.credentialSubject);
  const vcIssuer = vc.issuer;
  const conditions = practiceConditions(type, subject);
  return {
    id: asString(payload.jti) ?? asString(vc.id),
    type,
    title: credentialTitle(type, locale),
    issuerDid: asString(payload.iss) ?? asString(vcIssuer) ?? asString(asRecord(vcIssuer).id),
    subjectDid: asString(payload.sub) ?? asString(subject.id),
    holderName: asString(subject.name),
    fields: subjectFields(type, subject, locale),
    conditions: conditions.items,
    conditionsUnreadable: conditions.unreadable,
    issuedAt: asDate(payload.nbf ?? payload.iat ?? vc.validFrom ?? vc.issuanceDate),
    validUntil: asDate(payload.exp ?? vc.validUntil ?? vc.expirationDate),
  };
}
