import type { DcqlCredentialQuery, DcqlQuery, Requirement, RequestPolicy } from "./schemas";

/**
 * The request as a DCQL query (OpenID4VP 1.0): one credential query per requirement, in order,
 * with id `r<position>-<kind>`. A wallet that speaks DCQL can pick credentials from it alone; the
 * policy adds what DCQL cannot say ("no conditions", "at least N hours in 12 months") and is
 * evaluated by the verifier (evaluate-policy.ts). Types are Vitae's short type names, as the
 * credentials carry them in `vc.type`.
 */

const SUBJECT = "credentialSubject";

export function requirementQueryId(requirement: Requirement, position: number): string {
  return `r${position + 1}-${requirement.kind}`;
}

function queryFor(requirement: Requirement, position: number): DcqlCredentialQuery {
  const id = requirementQueryId(requirement, position);
  const typeValues = (type: string) => [["VerifiableCredential", type]];
  switch (requirement.kind) {
    case "licensed":
      return {
        id,
        format: "jwt_vc_json",
        meta: { type_values: typeValues("MedicalLicenseCredential") },
        claims: [
          {
            id: "jurisdiction",
            path: [SUBJECT, "jurisdiction"],
            values: [requirement.jurisdiction],
          },
          { id: "licenseNumber", path: [SUBJECT, "licenseNumber"] },
        ],
      };
    case "board-certified":
      return {
        id,
        format: "jwt_vc_json",
        meta: { type_values: typeValues("SpecialtyCertificationCredential") },
        claims: [
          {
            id: "specialty",
            path: [SUBJECT, "specialty", "label"],
            values: [requirement.specialty],
          },
        ],
      };
    case "privileges":
      return {
        id,
        format: "jwt_vc_json",
        meta: { type_values: typeValues("ClinicalPrivilegesCredential") },
        claims: [
          {
            id: "procedure",
            path: [SUBJECT, "procedures", null, "label"],
            values: [requirement.procedure],
          },
        ],
      };
    case "cme":
      return {
        id,
        format: "jwt_vc_json",
        // Several CME activities add up to the hours asked for.
        multiple: true,
        meta: { type_values: typeValues("CompetencyCredential") },
        claims: [
          {
            id: "kind",
            path: [SUBJECT, "achievement", "achievementType"],
            values: ["ext:CMEActivity"],
          },
          { id: "hours", path: [SUBJECT, "creditsEarned"] },
          { id: "completedOn", path: [SUBJECT, "completedOn"] },
        ],
      };
  }
}

export function requestDcql(policy: Pick<RequestPolicy, "requirements">): DcqlQuery {
  return { credentials: policy.requirements.map(queryFor) };
}
