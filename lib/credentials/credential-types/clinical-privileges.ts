import { z } from "zod";
import {
  holderDidSchema,
  holderNameSchema,
  periodSchema,
  practiceConditionsSchema,
  text,
} from "./fields";

/** What a hospital lets a doctor do on its premises, issued by the employer. */
export const clinicalPrivilegesSubjectSchema = z
  .object({
    id: holderDidSchema.optional(),
    name: holderNameSchema,
    facility: text({ title: "Facility", description: "The hospital or site, e.g. St Aurelia." }),
    department: text({ title: "Department", description: "For example: Cardiology." }),
    role: text({ title: "Role", description: "For example: Consultant cardiologist." }),
    procedures: z
      .array(
        z
          .object({
            code: z
              .string()
              .trim()
              .min(1, { error: "is required" })
              .max(64, { error: "must be at most 64 characters" })
              .optional()
              .meta({ title: "Procedure code", description: "e.g. a SNOMED CT or CPT code." }),
            label: text({ title: "Procedure", description: "e.g. Coronary angiography." }),
          })
          .meta({ title: "Privileged procedure" }),
        { error: "must list the privileged procedures" },
      )
      .min(1, { error: "must list at least one procedure" })
      .max(100, { error: "at most 100 procedures" })
      .meta({
        title: "Privileged procedures",
        description: "Each procedure the doctor may perform here.",
        "x-item-title": "Procedure",
      }),
    period: periodSchema({
      title: "Privileges period",
      start: "Privileges from",
      end: "Privileges until",
      endRequired: true,
    }),
    conditions: practiceConditionsSchema,
  })
  .meta({
    title: "Clinical privileges",
    description: "The procedures a doctor may perform at a facility, for a period.",
  });
export type ClinicalPrivilegesSubject = z.infer<typeof clinicalPrivilegesSubjectSchema>;
