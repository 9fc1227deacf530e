import { z } from "zod";
import { holderDidSchema, holderNameSchema, isoDate, notBefore, text } from "./fields";

/** Board certification in a specialty, e.g. cardiology, coded so other systems can match it. */
export const specialtyCertificationSubjectSchema = z
  .object({
    id: holderDidSchema.optional(),
    name: holderNameSchema,
    specialty: z
      .object({
        code: text(
          {
            title: "Specialty code",
            description: "A code for the specialty, e.g. SNOMED CT 394579002 for cardiology.",
          },
          64,
        ),
        label: text({ title: "Specialty", description: "The specialty's name, e.g. Cardiology." }),
        system: z
          .url({ error: "must be a URL, e.g. http://snomed.info/sct" })
          .max(200)
          .optional()
          .meta({
            title: "Code system",
            description: "The code system the code comes from. Leave empty for SNOMED CT.",
            "x-card": false,
          }),
      })
      .meta({ title: "Specialty" }),
    certifyingBoard: text({
      title: "Certifying board",
      description: "The board or college that certified the doctor.",
    }),
    certifiedOn: isoDate({ title: "Certified on", description: "The day certification began." }),
    recertifyBy: isoDate({
      title: "Recertify by",
      description: "The day by which the doctor must recertify. The credential expires then.",
    }).optional(),
  })
  .refine((s) => notBefore(s.recertifyBy, s.certifiedOn), {
    error: "must not be before the certification date",
    path: ["recertifyBy"],
  })
  .meta({
    title: "Specialty certification",
    description: "Board certification in a medical specialty.",
  });
export type SpecialtyCertificationSubject = z.infer<typeof specialtyCertificationSubjectSchema>;

export const SNOMED_CT = "http://snomed.info/sct";
