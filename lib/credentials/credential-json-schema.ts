import { z } from "zod";
import { subjectExamples } from "./credential-types/examples";
import { credentialTypeNames, credentialTypes, type CredentialTypeName } from "./credential-types";
import { VITAE_CONTEXT, W3C_CREDENTIALS_V1 } from "./schemas";

/**
 * The published form of the doctor credential model: each type's `credentialSubject` as JSON
 * Schema (draft 2020-12), generated from the same zod schema issuance applies, so the two cannot
 * drift. Labels and help text become `title` and `description`; the credential's `type` and
 * `@context` are stated beside it, so other systems can issue and read the same credentials.
 */

export type CredentialSchemaSummary = {
  type: CredentialTypeName;
  title: string;
  description: string;
  schema: string;
};

export function credentialSchemaUrl(baseUrl: string, type: CredentialTypeName): string {
  return `${baseUrl.replace(/\/$/, "")}/api/v1/schemas/${type}`;
}

export function credentialJsonSchema(
  baseUrl: string,
  type: CredentialTypeName,
): Record<string, unknown> {
  const definition = credentialTypes[type];
  // "input": what an issuer sends; defaults (the Open Badges `type` arrays) may be left out.
  const generated = z.toJSONSchema(definition.subjectSchema, { io: "input" });
  return {
    ...generated,
    $id: credentialSchemaUrl(baseUrl, type),
    title: `${definition.title}: credential subject`,
    description: `${definition.description} This schema describes the credentialSubject of a ${type}.`,
    examples: [subjectExamples[type]],
    "x-credential": {
      type: ["VerifiableCredential", ...definition.types, type],
      "@context": [W3C_CREDENTIALS_V1, VITAE_CONTEXT, ...definition.contexts],
    },
  };
}

export function credentialSchemaIndex(baseUrl: string): CredentialSchemaSummary[] {
  return credentialTypeNames.map((type) => ({
    type,
    title: credentialTypes[type].title,
    description: credentialTypes[type].description,
    schema: credentialSchemaUrl(baseUrl, type),
  }));
}
