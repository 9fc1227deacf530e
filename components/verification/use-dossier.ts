"use client";

import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import type { PresentationVerificationResult } from "@/lib/credentials/verify-presentation";
import type { PublicLedgerConfig } from "@/lib/env";
import { queryKeys } from "@/lib/query-keys";
import type { DossierLink } from "@/lib/shares/dossier-crypto";
import { createBrowserDossierVerifier } from "./create-browser-dossier-verifier";
import { openDossier, type OpenedDossier } from "./open-dossier";
import { trustSnapshotQuery } from "./use-browser-verifier";

/** A dossier link (fetched, decrypted) or a presentation JWT pasted as it is. */
export type DossierSource = { kind: "link"; link: DossierLink } | { kind: "jwt"; jwt: string };

export type DossierVerification = { result: PresentationVerificationResult; checkedAt: Date };

/**
 * Opens a dossier once and verifies it in this browser. Opening counts a view on the server, so
 * it is never refetched behind the user's back (nor on "Check again", which re-verifies the
 * presentation already decrypted, against a freshly read trust registry).
 */
export function useDossier(source: DossierSource, ledgerConfig: PublicLedgerConfig) {
  const queryClient = useQueryClient();
  const fresh = useRef(false);
  const trust = useQuery(trustSnapshotQuery(ledgerConfig));
  const scope =
    source.kind === "link"
      ? { origin: source.link.origin, id: source.link.id }
      : { origin: "jwt", id: source.jwt };

  const opened = useQuery({
    queryKey: queryKeys.dossier(scope.origin, scope.id),
    queryFn: (): Promise<OpenedDossier> =>
      source.kind === "link"
        ? openDossier(source.link)
        : Promise.resolve({
            kind: "opened",
            presentation: source.jwt,
            expiresAt: "",
            views: 0,
            maxViews: 0,
          }),
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    refetchOnMount: false,
  });

  const presentation = opened.data?.kind === "opened" ? opened.data.presentation : null;
  const snapshot = trust.data;
  const verification = useQuery({
    queryKey: queryKeys.dossierVerification(scope.origin, scope.id),
    queryFn:
      presentation !== null && snapshot
        ? async (): Promise<DossierVerification> => {
            const current = fresh.current
              ? await queryClient.fetchQuery({ ...trustSnapshotQuery(ledgerConfig), staleTime: 0 })
              : snapshot;
            fresh.current = false;
            const verify = createBrowserDossierVerifier(ledgerConfig, current);
            const share = source.kind === "link" ? scope : null;
            return { result: await verify(presentation, share), checkedAt: new Date() };
          }
        : skipToken,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

  const { refetch } = verification;
  const canRecheck = presentation !== null && snapshot !== undefined;
  const recheck = useCallback(() => {
    if (!canRecheck) return;
    fresh.current = true;
    void refetch();
  }, [canRecheck, refetch]);

  return {
    opened: opened.data,
    openError: opened.error,
    opening: opened.isPending,
    verification: verification.data,
    verifyError: verification.error,
    checking: presentation !== null && (verification.isFetching || trust.isPending),
    trustError: trust.error,
    recheck,
  };
}
