/**
 * The credential types an accreditation can name, in the order the governance console offers them,
 * with the words people use for them. The registry itself accepts any type name; these are the
 * doctor credentials Vitae knows.
 */
export const credentialTypeLabels: Record<string, string> = {
  MedicalDegreeCredential: "Medical degree",
  PostgraduateTrainingCredential: "Postgraduate training",
  MedicalLicenseCredential: "Medical licence",
  SpecialtyCertificationCredential: "Specialty certification",
  ClinicalPrivilegesCredential: "Clinical privileges",
  CompetencyCredential: "Competency",
};

export const knownCredentialTypes = Object.keys(credentialTypeLabels);

export function credentialTypeLabel(type: string): string {
  return credentialTypeLabels[type] ?? type;
}
