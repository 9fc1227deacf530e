"use client";

import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query-keys";

/**
 * After unlocking, locking, re-keying or restoring: read the wallet's state, identity,
 * credentials and shares again. Not the whole `wallet` prefix: a claim offer refetched would hand
 * out a new nonce under the doctor's feet.
 */
export function useWalletRefresh(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(
      [
        queryKeys.wallet.vault(),
        queryKeys.wallet.identity(),
        queryKeys.wallet.credentials(),
        queryKeys.wallet.shares(),
      ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
  };
}
