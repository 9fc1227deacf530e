"use client";

import { createDidResolver } from "@/lib/credentials/resolve-did";
import { createVerificationContext } from "@/lib/credentials/verification-context";
import { verifyCredential } from "@/lib/credentials/verify-credential";
import type { PublicLedgerConfig } from "@/lib/env";
import { createLedgerReader } from "@/lib/ledger/reader";
import type { TrustSnapshot } from "@/lib/trust/schemas";

/**
 * Wires the universal verification core to the browser: DID documents and status lists come from
 * their own URLs, anchors straight from the chain's RPC, never through Vitae's server; `trust` is
 * the IssuerRegistry as this browser read it from the chain (see useBrowserVerifier). One
 * verifier instance shares its DID, key and status-list caches across every credential it checks.
 */
export function createBrowserVerifier(ledgerConfig: PublicLedgerConfig, trust: TrustSnapshot) {
  const fetcher: typeof fetch = (input, init) => fetch(input, { cache: "no-store", ...init });
  const resolveDid = createDidResolver({ fetch: fetcher });
  const ledger = createLedgerReader(ledgerConfig);
  // Status lists and anchors are reused for at most STATUS_READING_TTL_MS (30 s), and say so.
  const context = createVerificationContext();
  return (jwt: string) =>
    verifyCredential(jwt, {
      resolveDid,
      fetch: fetcher,
      ledger,
      trust,
      now: () => new Date(),
      context,
    });
}
