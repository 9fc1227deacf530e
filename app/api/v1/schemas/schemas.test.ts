import { beforeAll, describe, expect, it } from "vitest";
import { subjectExamples } from "@/lib/credentials/credential-types/examples";
import { credentialTypeNames } from "@/lib/credentials/credential-types";
import { subjectSchemaByType } from "@/lib/credentials/schemas";
import { loadEnv } from "@/scripts/support/load-env";

/**
 * The published JSON Schemas, fetched through the route handlers. Each must accept its example
 * and reject a broken copy, checked twice: by the zod schema issuance applies, and by a small
 * validator for the JSON Schema keywords zod emits (no JSON Schema library is installed), so the
 * published document really says what the server enforces.
 */

const BASE = "https://vitae.test";

type Schema = Record<string, unknown>;

/** Problems of `value` against `schema`, for the keywords z.toJSONSchema produces. */
function validate(schema: Schema, value: unknown, path = "$"): string[] {
  const problems: string[] = [];
  const fail = (why: string) => problems.push(`${path}: ${why}`);
  if (schema.const !== undefined && value !== schema.const) fail("const");
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) fail("enum");
  switch (schema.type) {
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value))
        return [`${path}: object`];
      const record = value as Record<string, unknown>;
      for (const key of (schema.required as string[] | undefined) ?? []) {
        if (record[key] === undefined) fail(`${key} required`);
      }
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const [key, v] of Object.entries(record)) {
        const sub = properties[key];
        if (sub) problems.push(...validate(sub, v, `${path}.${key}`));
        else if (schema.additionalProperties === false) fail(`${key} not allowed`);
      }
      break;
    }
    case "array": {
      if (!Array.isArray(value)) return [`${path}: array`];
      if (typeof schema.minItems === "number" && value.length < schema.minItems) fail("minItems");
      if (typeof schema.maxItems === "number" && value.length > schema.maxItems) fail("maxItems");
      const prefix = (schema.prefixItems as Schema[] | undefined) ?? [];
      value.forEach((item, i) => {
        const sub =
          prefix[i] ?? (typeof schema.items === "object" ? (schema.items as Schema) : undefined);
        if (sub) problems.push(...validate(sub, item, `${path}[${i}]`));
        else if (schema.items === false) fail(`item ${i} not allowed`);
      });
      break;
    }
    case "string": {
      if (typeof value !== "string") return [`${path}: string`];
      if (typeof schema.minLength === "number" && value.length < schema.minLength)
        fail("minLength");
      if (typeof schema.maxLength === "number" && value.length > schema.maxLength)
        fail("maxLength");
      if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
        fail("pattern");
      }
      break;
    }
    case "number":
    case "integer": {
      if (typeof value !== "number") return [`${path}: number`];
      if (schema.type === "integer" && !Number.isInteger(value)) fail("integer");
      if (typeof schema.minimum === "number" && value < schema.minimum) fail("minimum");
      if (typeof schema.maximum === "number" && value > schema.maximum) fail("maximum");
      if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum) {
        fail("exclusiveMinimum");
      }
      break;
    }
  }
  return problems;
}

/** One broken copy per type: a wrong date, a missing field, a wrong kind. */
const broken: Record<(typeof credentialTypeNames)[number], (s: Schema) => Schema> = {
  MedicalDegreeCredential: (s) => ({ ...s, graduationDate: "14/07/2016" }),
  MedicalLicenseCredential: (s) => ({ ...s, licenseNumber: undefined }),
  SpecialtyCertificationCredential: (s) => ({ ...s, specialty: { label: "Cardiology" } }),
  PostgraduateTrainingCredential: (s) => ({ ...s, trainingKind: "internship" }),
  ClinicalPrivilegesCredential: (s) => ({ ...s, procedures: [] }),
  CompetencyCredential: (s) => ({
    ...s,
    achievement: { ...(s.achievement as Schema), achievementType: "Diploma" },
  }),
};

let listRoute: typeof import("./route");
let typeRoute: typeof import("./[type]/route");

beforeAll(async () => {
  Object.assign(process.env, loadEnv(), {
    VITAE_PUBLIC_URL: BASE,
    ANCHOR_CONTRACT_ADDRESS: `0x${"1".repeat(40)}`,
    ISSUER_REGISTRY_ADDRESS: `0x${"2".repeat(40)}`,
  });
  listRoute = await import("./route");
  typeRoute = await import("./[type]/route");
});

async function getSchema(type: string) {
  const res = await typeRoute.GET(new Request(`${BASE}/api/v1/schemas/${type}`), {
    params: Promise.resolve({ type }),
  });
  return {
    status: res.status,
    contentType: res.headers.get("content-type"),
    body: await res.json(),
  };
}

describe("GET /api/v1/schemas", () => {
  it("lists the six types with their schema URLs", async () => {
    const res = await listRoute.GET(new Request(`${BASE}/api/v1/schemas`), undefined);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { type: string; title: string; schema: string }[];
    expect(body.map((b) => b.type)).toEqual([...credentialTypeNames]);
    expect(body[1]).toMatchObject({
      title: "Medical licence",
      schema: `${BASE}/api/v1/schemas/MedicalLicenseCredential`,
    });
  });
});

describe("GET /api/v1/schemas/{type}", () => {
  it.each(credentialTypeNames)("%s: accepts its example and rejects a broken one", async (type) => {
    const { status, contentType, body } = await getSchema(type);
    expect(status).toBe(200);
    expect(contentType).toContain("application/schema+json");
    expect(body).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: `${BASE}/api/v1/schemas/${type}`,
      type: "object",
    });
    expect(body.title).toMatch(/: credential subject$/);
    expect(body.required).toContain("name");
    expect(body.properties.name).toMatchObject({ type: "string", title: "Doctor's full name" });

    const example = subjectExamples[type];
    expect(body.examples).toEqual([example]);
    expect(validate(body, example)).toEqual([]);
    expect(subjectSchemaByType[type].safeParse(example).success).toBe(true);

    const bad = JSON.parse(JSON.stringify(broken[type](example))) as Schema;
    expect(validate(body, bad)).not.toEqual([]);
    expect(subjectSchemaByType[type].safeParse(bad).success).toBe(false);
  });

  it("publishes labels, help text, dates and the credential's shape", async () => {
    const licence = (await getSchema("MedicalLicenseCredential")).body;
    expect(licence.properties.licenseNumber).toMatchObject({
      title: "Licence number",
      description: expect.stringContaining("register"),
      maxLength: 64,
    });
    expect(licence.properties.validUntil).toMatchObject({ type: "string", format: "date" });
    expect(licence.properties.conditions.items.required).toEqual(["text"]);
    expect(licence["x-credential"].type).toEqual([
      "VerifiableCredential",
      "MedicalLicenseCredential",
    ]);

    const competency = (await getSchema("CompetencyCredential")).body;
    expect(competency["x-credential"]).toEqual({
      type: ["VerifiableCredential", "AchievementCredential", "CompetencyCredential"],
      "@context": [
        "https://www.w3.org/2018/credentials/v1",
        "https://vitae.example/contexts/doctor-credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      ],
    });
    expect(competency.properties.achievement.properties.achievementType).toMatchObject({
      enum: ["Competency", "Course", "ext:CMEActivity"],
      enumNames: ["Procedure competency", "Life-support course", "CME activity"],
    });
    expect(
      validate(competency, { ...subjectExamples.CompetencyCredential, caseCount: 2.5 }),
    ).toEqual(["$.caseCount: integer"]);
  });

  it("answers 404 with a reason code for an unknown type", async () => {
    for (const type of ["OpenBadgeCredential", "medicallicensecredential", "../issuers"]) {
      const { status, body } = await getSchema(type);
      expect(status).toBe(404);
      expect(body.error.code).toBe("UNKNOWN_CREDENTIAL_TYPE");
      expect(body.error.message).toContain("MedicalDegreeCredential");
    }
  });
});
