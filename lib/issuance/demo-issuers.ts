/** The three issuers `npm run dev` brings up. Their API keys come from VITAE_DEMO_API_KEYS. */
export const demoIssuers = [
  {
    slug: "northbridge-medicine",
    name: "Northbridge University School of Medicine",
    kind: "medical-school",
    credentialTypes: [
      "MedicalDegreeCredential",
      "PostgraduateTrainingCredential",
      "CompetencyCredential",
    ],
  },
  {
    slug: "eastland-licensing",
    name: "Eastland Medical Licensing Authority",
    kind: "licensing-authority",
    credentialTypes: ["MedicalLicenseCredential", "SpecialtyCertificationCredential"],
  },
  {
    slug: "st-aurelia-hospital",
    name: "St Aurelia General Hospital",
    kind: "hospital",
    credentialTypes: [
      "ClinicalPrivilegesCredential",
      "CompetencyCredential",
      "PostgraduateTrainingCredential",
    ],
  },
] as const;

export type DemoIssuer = (typeof demoIssuers)[number];
