import { z } from "zod";
import { holderDidSchema, holderNameSchema, periodSchema, text } from "./fields";

export const trainingKinds = ["residency", "fellowship"] as const;
export const trainingOutcomes = ["completed", "in-progress", "extended", "withdrawn"] as const;

/** A residency or fellowship, with its period and how it ended (or that it is still running). */
export const postgraduateTrainingSubjectSchema = z
  .object({
    id: holderDidSchema.optional(),
    name: holderNameSchema,
    trainingKind: z
      .enum(trainingKinds, { error: "must be residency or fellowship" })
      .meta({ title: "Training", enumNames: ["Residency", "Fellowship"] }),
    programme: text({
      title: "Programme",
      description: "The training programme, e.g. Internal Medicine Residency.",
    }),
    specialty: text({
      title: "Specialty",
      description: "The specialty trained in, e.g. Internal medicine.",
    }).optional(),
    period: periodSchema({
      title: "Training period",
      start: "Training started",
      end: "Training ended",
    }),
    outcome: z.enum(trainingOutcomes, { error: "must be one of the listed outcomes" }).meta({
      title: "Outcome",
      description: "How the training ended, or that it is still in progress.",
      enumNames: ["Completed", "In progress", "Extended", "Withdrawn"],
    }),
  })
  .refine((s) => s.outcome === "in-progress" || typeof s.period?.end === "string", {
    error: "is required once the training has ended",
    path: ["period", "end"],
  })
  .meta({
    title: "Postgraduate training",
    description: "A residency or fellowship programme, its period and its outcome.",
  });
export type PostgraduateTrainingSubject = z.infer<typeof postgraduateTrainingSubjectSchema>;
