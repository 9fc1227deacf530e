import type { Requirement } from "./schemas";

/** The plain-English line a verifier builds and a doctor reads: "Licensed physician in Eastland, no conditions". */
export function describeRequirement(requirement: Requirement): string {
  switch (requirement.kind) {
    case "licensed":
      return `Licensed physician in ${requirement.jurisdiction}, no conditions on practice`;
    case "board-certified":
      return `Board-certified in ${requirement.specialty}`;
    case "privileges":
      return `Clinical privileges for ${requirement.procedure}`;
    case "cme":
      return `At least ${formatHours(requirement.hours)} of CME in the last 12 months`;
  }
}

export function formatHours(hours: number): string {
  const rounded = Math.round(hours * 10) / 10;
  return `${rounded} ${rounded === 1 ? "hour" : "hours"}`;
}
