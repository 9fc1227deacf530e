import { z } from "zod";
import { holderDidSchema, holderNameSchema, isoDate, text } from "./fields";

/** A primary medical qualification awarded by a medical school. */
export const medicalDegreeSubjectSchema = z
  .object({
    id: holderDidSchema.optional(),
    name: holderNameSchema,
    degree: text({
      title: "Degree",
      description: "The degree as awarded, e.g. MBBS, MD or MBChB.",
    }),
    programme: text({
      title: "Programme",
      description: "The programme of study, e.g. Bachelor of Medicine, Bachelor of Surgery.",
    }),
    institution: text({
      title: "Awarding institution",
      description: "The school or university that awarded the degree.",
    }),
    graduationDate: isoDate({
      title: "Graduation date",
      description: "The day the degree was conferred.",
    }),
  })
  .meta({
    title: "Medical degree",
    description: "A primary medical qualification awarded by a medical school.",
  });
export type MedicalDegreeSubject = z.infer<typeof medicalDegreeSubjectSchema>;
