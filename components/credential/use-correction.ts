"use client";

import { useQuery } from "@tanstack/react-query";
import {
  readCorrection,
  type CorrectionReading,
  type CorrectionSource,
} from "@/lib/credentials/read-correction";
import { queryKeys } from "@/lib/query-keys";

/**
 * Where a credential sits in a chain of corrections, asked of the Vitae instance that issued it.
 * Informative only (see lib/credentials/read-correction.ts): while it loads, or if it fails, the
 * caller simply shows no chain. `enabled` lets a list ask only for credentials that need it.
 */
export function useCorrection(
  credential: CorrectionSource | undefined,
  enabled = true,
): CorrectionReading | undefined {
  const query = useQuery({
    queryKey: queryKeys.wallet.correction(credential?.id ?? ""),
    queryFn: () =>
      credential
        ? readCorrection(credential, {
            fetch: (input, init) => fetch(input, { cache: "no-store", ...init }),
          })
        : Promise.resolve<CorrectionReading>({ kind: "not-applicable" }),
    enabled: enabled && Boolean(credential?.id),
    staleTime: 60_000,
    retry: false,
  });
  return query.data;
}
