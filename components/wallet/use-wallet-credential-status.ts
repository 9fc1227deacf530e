"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useSyncExternalStore } from "react";
import { useCorrection } from "@/components/credential/use-correction";
import {
  useCredentialVerification,
  type CredentialVerifier,
} from "@/components/credential/use-credential-verification";
import { queryKeys } from "@/lib/query-keys";
import { credentialStatus, type CredentialStatus } from "@/lib/wallet/credential-status";
import { decodeCredential } from "@/lib/credentials/decode-credential";
import type { StoredCredential } from "@/lib/wallet/schemas";
import { statusCache, type CachedStatus } from "@/lib/wallet/status-cache";

function subscribeOnline(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

export type WalletCredentialStatus = ReturnType<typeof useWalletCredentialStatus>;

/**
 * Everything a wallet card or the detail view says about a credential's standing: the live check
 * (the verifier's own code), "Superseded" when the list says revoked and the issuer names a
 * correction, and, when the live check cannot reach its sources, the last definite status with
 * its age. Without such a cached status, an unchecked credential stays "Status unknown".
 */
export function useWalletCredentialStatus(
  credential: StoredCredential,
  verifier: CredentialVerifier,
  { alwaysReadCorrection = false }: { alwaysReadCorrection?: boolean } = {},
) {
  const verification = useCredentialVerification(credential.jwt, verifier);
  const queryClient = useQueryClient();
  const online = useOnline();
  const revoked =
    verification.kind === "checked" &&
    verification.result.checks.some((c) => c.id === "status" && c.code === "REVOKED");
  const decoded = useMemo(() => {
    const result = decodeCredential(credential.jwt);
    return result.ok ? result.credential : undefined;
  }, [credential.jwt]);
  const previous = decoded?.vc.previous;
  const reading = useCorrection(decoded, alwaysReadCorrection || revoked || Boolean(previous));
  const correction = reading?.kind === "read" ? reading.correction : undefined;

  const live: CredentialStatus = credentialStatus(verification, correction);
  const checkedAtMs = queryClient.getQueryState(
    queryKeys.verification(credential.jwt),
  )?.dataUpdatedAt;
  // A result that could not settle the status is no "check" to date: it stays unknown, undated.
  const checkedAt =
    verification.kind === "checked" && checkedAtMs && live.label !== "Status unknown"
      ? new Date(checkedAtMs)
      : undefined;

  const cached: CachedStatus | undefined =
    typeof window === "undefined"
      ? undefined
      : statusCache.fallback(verification, statusCache.read(credential.id), online);

  useEffect(() => {
    if (checkedAt) {
      statusCache.write(credential.id, live, checkedAt, { correction });
    }
    // Written once per check: the time changes exactly when a new result arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [credential.id, checkedAt?.getTime(), live.label, correction?.supersededBy]);

  const status: CredentialStatus = cached
    ? { label: cached.label, tone: cached.tone, reason: cached.reason }
    : live;
  const supersedes = correction?.supersedes ?? previous;
  // Offline, the cached entry still names what replaced a superseded credential.
  const known =
    correction ??
    (cached?.supersededBy
      ? {
          credentialId: credential.id,
          supersededBy: cached.supersededBy,
          ...(cached.supersededAt ? { at: cached.supersededAt } : {}),
        }
      : undefined);
  return {
    verification,
    status,
    /** When the status shown was established: now-ish for a live check, earlier for a cached one. */
    checkedAt: cached ? new Date(cached.checkedAt) : checkedAt,
    fromCache: Boolean(cached),
    online,
    correction: known,
    supersedes,
  };
}
