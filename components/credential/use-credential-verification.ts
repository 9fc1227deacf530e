"use client";

import { skipToken, useQueries, useQuery } from "@tanstack/react-query";
import type { VerificationResult } from "@/lib/credentials/verification";
import { queryKeys } from "@/lib/query-keys";
import type { VerificationState } from "@/lib/wallet/credential-status";

/** What `useBrowserVerifier` hands out; `verify` is undefined until the trust snapshot is in. */
export type CredentialVerifier = {
  verify: ((jwt: string) => Promise<VerificationResult>) | undefined;
  trustError: Error | null;
};

/** Checks one credential in this browser, with the verifier's own code; cached per JWT. */
export function useCredentialVerification(
  jwt: string,
  { verify, trustError }: CredentialVerifier,
): VerificationState {
  const query = useQuery({
    queryKey: queryKeys.verification(jwt),
    queryFn: verify ? () => verify(jwt) : skipToken,
    staleTime: 60_000,
  });
  return verificationState(query, trustError);
}

/** The same check for a list of credentials (one shared cache entry per JWT). */
export function useCredentialVerifications(
  jwts: readonly string[],
  { verify, trustError }: CredentialVerifier,
): VerificationState[] {
  const queries = useQueries({
    queries: jwts.map((jwt) => ({
      queryKey: queryKeys.verification(jwt),
      queryFn: verify ? () => verify(jwt) : skipToken,
      staleTime: 60_000,
    })),
  });
  return queries.map((query) => verificationState(query, trustError));
}

function verificationState(
  query: { data: VerificationResult | undefined; error: Error | null },
  trustError: Error | null,
): VerificationState {
  if (query.data) return { kind: "checked", result: query.data };
  if (trustError) {
    return {
      kind: "unavailable",
      reason:
        "The list of accredited issuers could not be loaded, so the status could not be checked.",
    };
  }
  if (query.error) {
    return { kind: "unavailable", reason: "The credential could not be checked. Try again later." };
  }
  return { kind: "checking" };
}
