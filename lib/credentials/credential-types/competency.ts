import { z } from "zod";
import { holderDidSchema, holderNameSchema, isoDate, notBefore, text } from "./fields";

/**
 * A competency, shaped as an Open Badges 3.0 AchievementSubject so that badge platforms read it:
 * `achievement` with `achievementType`, `name`, `description` and `criteria.narrative`. The kind
 * of competency is the achievement type: a procedure competency (with its case count), a
 * life-support course, or CME hours for an activity (OB3 `creditsEarned`; `ext:` is the OB3
 * prefix for terms outside its vocabulary).
 */

export const OPEN_BADGES_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

export const competencyKinds = ["Competency", "Course", "ext:CMEActivity"] as const;
export type CompetencyKind = (typeof competencyKinds)[number];

export const competencySubjectSchema = z
  .object({
    id: holderDidSchema.optional(),
    type: z.tuple([z.literal("AchievementSubject")]).default(["AchievementSubject"]),
    name: holderNameSchema,
    achievement: z
      .object({
        id: z
          .string()
          .regex(/^[a-z][a-z0-9+.-]*:\S+$/i, { error: "must be a URI" })
          .max(500)
          .optional()
          .meta({ title: "Achievement URI", description: "The achievement's published URI." }),
        type: z.tuple([z.literal("Achievement")]).default(["Achievement"]),
        achievementType: z
          .enum(competencyKinds, { error: "must be one of the listed kinds" })
          .meta({
            title: "Kind",
            description: "What the doctor achieved.",
            enumNames: ["Procedure competency", "Life-support course", "CME activity"],
          }),
        name: text({
          title: "Achievement",
          description:
            "The procedure, course or activity, e.g. Central venous catheterisation, Advanced Life Support.",
        }),
        description: text(
          { title: "Description", description: "One or two sentences on what it covers." },
          1000,
        ),
        criteria: z
          .object({
            narrative: text(
              {
                title: "Criteria",
                description: "How it was earned, e.g. 25 supervised cases, assessed by DOPS.",
              },
              2000,
            ),
          })
          .meta({ title: "Criteria" }),
      })
      .meta({ title: "Achievement" }),
    caseCount: z
      .int({ error: "must be a whole number" })
      .min(1, { error: "must be at least 1" })
      .max(100_000, { error: "must be at most 100000" })
      .optional()
      .meta({
        title: "Cases performed",
        description: "Supervised or logged cases behind a procedure competency.",
        "x-show-when": { path: "achievement.achievementType", in: ["Competency"] },
      }),
    creditsEarned: z
      .number({ error: "must be a number" })
      .positive({ error: "must be more than 0" })
      .max(1000, { error: "must be at most 1000" })
      .optional()
      .meta({
        title: "CME hours",
        description: "Credit hours earned for the activity.",
        "x-show-when": { path: "achievement.achievementType", in: ["ext:CMEActivity"] },
      }),
    completedOn: isoDate({
      title: "Completed on",
      description: "The day the competency was signed off or the activity ended.",
    }),
    validUntil: isoDate({
      title: "Valid until",
      description: "For courses that must be renewed. The credential expires then.",
    }).optional(),
  })
  .superRefine((s, ctx) => {
    const kind = s.achievement?.achievementType;
    if (kind === "Competency" && s.caseCount === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["caseCount"],
        message: "is required for a procedure competency",
      });
    }
    if (kind === "ext:CMEActivity" && s.creditsEarned === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["creditsEarned"],
        message: "is required for a CME activity",
      });
    }
    if (!notBefore(s.validUntil, s.completedOn)) {
      ctx.addIssue({
        code: "custom",
        path: ["validUntil"],
        message: "must not be before the completion date",
      });
    }
  })
  .meta({
    title: "Competency",
    description:
      "A procedure competency, life-support course or CME activity, as an Open Badges 3.0 achievement.",
  });
export type CompetencySubject = z.infer<typeof competencySubjectSchema>;
