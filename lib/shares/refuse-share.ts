import "server-only";
import { AppError } from "@/lib/errors";
import type { ShareRefusalCode, ShareState } from "./schemas";

type ShareRow = { revokedAt: Date | null; expiresAt: Date; views: number; maxViews: number };

/** A share's state now: revoked outranks expired, which outranks used up. */
export function shareState(row: ShareRow, now: Date): ShareState {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  if (row.views >= row.maxViews) return "exhausted";
  return "active";
}

const refusals: Record<Exclude<ShareState, "active">, [ShareRefusalCode, string]> = {
  revoked: ["SHARE_REVOKED", "The doctor has withdrawn this link."],
  expired: ["SHARE_EXPIRED", "This link has expired."],
  exhausted: ["SHARE_EXHAUSTED", "This link has been opened as many times as the doctor allowed."],
};

/** The error for a share that did not open (or does not exist). */
export function refuseShare(row: ShareRow | undefined, now: Date): AppError {
  if (!row) return new AppError("SHARE_NOT_FOUND", "There is no shared dossier at this link.");
  const state = shareState(row, now);
  if (state === "active") {
    // Only a revoke racing this open lands here; say what the row says now.
    return new AppError("SHARE_REVOKED", refusals.revoked[1]);
  }
  const [code, message] = refusals[state];
  return new AppError(code, message);
}
