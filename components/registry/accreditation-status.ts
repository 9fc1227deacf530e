import type { BadgeTone } from "@/components/ui/badge";
import type { Accreditation } from "@/lib/trust/schemas";

/** An entry's standing at `now`, in the same order of precedence as the trust check. */
export type AccreditationStanding = "accredited" | "withdrawn" | "expired" | "not-yet-valid";

export function accreditationStanding(entry: Accreditation, now: Date): AccreditationStanding {
  if (entry.withdrawnAt !== null) return "withdrawn";
  if (now.getTime() < Date.parse(entry.validFrom)) return "not-yet-valid";
  if (now.getTime() >= Date.parse(entry.validUntil)) return "expired";
  return "accredited";
}

export const standingBadge: Record<AccreditationStanding, { label: string; tone: BadgeTone }> = {
  accredited: { label: "Accredited", tone: "success" },
  withdrawn: { label: "Withdrawn", tone: "danger" },
  expired: { label: "Expired", tone: "warning" },
  "not-yet-valid": { label: "Not yet in force", tone: "info" },
};

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** Dates on chain are instants; accreditations are read as days (UTC). */
export function formatDay(iso: string | Date): string {
  return dateFormat.format(typeof iso === "string" ? new Date(iso) : iso);
}
