import { z } from "zod";
import {
  holderDidSchema,
  holderNameSchema,
  isoDate,
  notBefore,
  practiceConditionsSchema,
  text,
} from "./fields";

/**
 * A licence to practise medicine in a jurisdiction. The field names are those of the first
 * release (name, licenseNumber, jurisdiction, scope, conditions), so licences issued before and
 * API clients written against it keep working; the licence's own dates are new and optional.
 */
export const medicalLicenseSubjectSchema = z
  .object({
    id: holderDidSchema.optional(),
    name: holderNameSchema,
    licenseNumber: text(
      { title: "Licence number", description: "The number on the register, e.g. EL-204518." },
      64,
    ),
    jurisdiction: text(
      { title: "Jurisdiction", description: "Where the licence applies, e.g. Eastland." },
      120,
    ),
    scope: text(
      { title: "Scope of practice", description: "For example: General medical practice." },
      300,
    ).optional(),
    validFrom: isoDate({
      title: "Licensed from",
      description: "The first day of the licence.",
    }).optional(),
    validUntil: isoDate({
      title: "Licensed until",
      description: "The last day of the licence. The credential expires with it.",
    }).optional(),
    conditions: practiceConditionsSchema,
  })
  .refine((s) => notBefore(s.validUntil, s.validFrom), {
    error: "must not be before the licence starts",
    path: ["validUntil"],
  })
  .meta({
    title: "Medical licence",
    description: "A licence to practise medicine, with its scope and any conditions on practice.",
  });
export type MedicalLicenseSubject = z.infer<typeof medicalLicenseSubjectSchema>;
