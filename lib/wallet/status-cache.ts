import "client-only";
import { z } from "zod";
import type { CredentialCorrection } from "@/lib/credentials/schemas";
import type { VerificationCode } from "@/lib/credentials/verification";
import type { CredentialStatus, VerificationState } from "./credential-status";

/**
 * The last definite status of each credential (valid, revoked, superseded, …) with when it was
 * checked, so the wallet can still say something true offline: "Valid — checked 3 h ago,
 * offline". Kept in localStorage under the credential's random id: a label and a time, no
 * credential content. A status that could not be checked is never cached, and without a cached
 * entry an unchecked credential stays "Status unknown".
 */

const STORAGE_KEY = "vitae.wallet.status-cache.v1";

const entrySchema = z.object({
  label: z.enum([
    "Valid",
    "Revoked",
    "Superseded",
    "Suspended",
    "Expired",
    "Issuer not accredited",
  ]),
  tone: z.enum(["neutral", "success", "danger", "warning"]),
  reason: z.string().max(2000).optional(),
  checkedAt: z.iso.datetime(),
  /** For "Superseded": the correction that replaced it (an id and a date, as the issuer said). */
  supersededBy: z.string().max(300).optional(),
  supersededAt: z.iso.datetime({ offset: true }).optional(),
});
export type CachedStatus = z.infer<typeof entrySchema>;
const cacheSchema = z.record(z.string().max(300), entrySchema);

/** Checks that fail only because something could not be reached: offline, not a verdict. */
const UNREACHABLE: ReadonlySet<VerificationCode> = new Set([
  "DID_NOT_RESOLVED",
  "STATUS_LIST_UNAVAILABLE",
  "LEDGER_UNAVAILABLE",
  "TRUST_REGISTRY_UNAVAILABLE",
]);

function readAll(storage: Storage | undefined): Record<string, CachedStatus> {
  try {
    const parsed = cacheSchema.safeParse(JSON.parse(storage?.getItem(STORAGE_KEY) ?? "{}"));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function storageOrUndefined(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined; // storage refused (privacy settings): no cache, never a crash
  }
}

/** True when a result could not be made only because the network was out of reach. */
function unreachable(state: VerificationState): boolean {
  if (state.kind === "unavailable") return true;
  if (state.kind !== "checked") return false;
  const open = state.result.checks.filter((c) => c.ok !== true);
  return open.length > 0 && open.every((c) => c.ok === null && UNREACHABLE.has(c.code));
}

export const statusCache = {
  read(id: string, storage = storageOrUndefined()): CachedStatus | undefined {
    return readAll(storage)[id];
  },

  /** Remembers a definite status; "unknown" or "checking" leave the last definite one in place. */
  write(
    id: string,
    status: CredentialStatus,
    checkedAt: Date,
    {
      correction,
      storage = storageOrUndefined(),
    }: { correction?: CredentialCorrection | undefined; storage?: Storage | undefined } = {},
  ) {
    const superseded = status.label === "Superseded" ? correction : undefined;
    const entry = entrySchema.safeParse({
      label: status.label,
      tone: status.tone,
      ...(status.reason ? { reason: status.reason } : {}),
      checkedAt: checkedAt.toISOString(),
      ...(superseded?.supersededBy ? { supersededBy: superseded.supersededBy } : {}),
      ...(superseded?.at ? { supersededAt: superseded.at } : {}),
    });
    if (!entry.success || !storage) return;
    try {
      storage.setItem(STORAGE_KEY, JSON.stringify({ ...readAll(storage), [id]: entry.data }));
    } catch {
      // Full or refused storage: the live status is still shown.
    }
  },

  /**
   * The cached entry to show instead of a live "Status unknown": only when the live check could
   * not reach its sources (or the browser is offline) and an earlier definite status exists.
   */
  fallback(
    live: VerificationState,
    cached: CachedStatus | undefined,
    online: boolean,
  ): CachedStatus | undefined {
    if (!cached || live.kind === "checking") return undefined;
    if (live.kind === "checked" && live.result.verified) return undefined;
    if (!online || unreachable(live)) {
      const definite = live.kind === "checked" && live.result.checks.some((c) => c.ok === false);
      return definite ? undefined : cached;
    }
    return undefined;
  },
};
