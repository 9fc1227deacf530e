"use client";

import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import type { DecodedCredential } from "@/lib/credentials/schemas";
import type { VerificationResult } from "@/lib/credentials/verification";
import type { PublicLedgerConfig } from "@/lib/env";
import { queryKeys } from "@/lib/query-keys";
import { createBrowserVerifier } from "./create-browser-verifier";
import { trustSnapshotQuery } from "./use-browser-verifier";

export type Verify = (jwt: string) => Promise<VerificationResult<DecodedCredential>>;

export type Verification = { result: VerificationResult<DecodedCredential>; checkedAt: Date };

/**
 * Runs the verifier for the credential the user gave last. A result is never served from cache:
 * it lives only while shown (gcTime 0), nothing refetches it behind the user's back, and
 * `recheck` always runs the check again.
 *
 * A recheck also uses a fresh verifier: the shared one keeps issuers' DID documents for minutes,
 * which suits a queue of doctors, but "Check again" should see a key the issuer just rotated or
 * withdrew, an accreditation the authority just withdrew, and read status lists and anchors anew
 * (the shared verifier reuses those readings for up to 30 s).
 */
export function useVerification(verify: Verify | undefined, ledgerConfig: PublicLedgerConfig) {
  const queryClient = useQueryClient();
  const [jwt, setJwt] = useState<string | null>(null);
  const fresh = useRef(false);

  const query = useQuery({
    queryKey: queryKeys.verification(jwt ?? ""),
    queryFn:
      jwt !== null && verify
        ? async (): Promise<Verification> => {
            // "Check again" re-reads the trust registry, so a withdrawal just mined shows.
            const trust = fresh.current
              ? await queryClient.fetchQuery({ ...trustSnapshotQuery(ledgerConfig), staleTime: 0 })
              : undefined;
            fresh.current = false;
            const run = trust ? createBrowserVerifier(ledgerConfig, trust) : verify;
            return { result: await run(jwt), checkedAt: new Date() };
          }
        : skipToken,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

  const { refetch } = query;
  const ready = jwt !== null && verify !== undefined;
  const recheck = useCallback(() => {
    // Refetching a skipped query would fail it; the check runs by itself once the verifier is in.
    if (!ready) return;
    fresh.current = true;
    void refetch();
  }, [ready, refetch]);

  /** Giving the same credential again checks it again, rather than showing the old answer. */
  const submit = useCallback(
    (next: string) => {
      if (next === jwt) recheck();
      else setJwt(next);
    },
    [jwt, recheck],
  );

  return {
    jwt,
    submit,
    recheck,
    verification: query.data,
    error: query.error,
    /** Also true while the issuer directory loads: the check starts as soon as it is in. */
    checking: jwt !== null && (query.isFetching || !verify),
  };
}
