"use client";

import { createDidResolver } from "@/lib/credentials/resolve-did";
import { createVerificationContext } from "@/lib/credentials/verification-context";
import { verifyPresentation } from "@/lib/credentials/verify-presentation";
import type { PublicLedgerConfig } from "@/lib/env";
import { createLedgerReader } from "@/lib/ledger/reader";
import { verifyDossier } from "@/lib/shares/verify-dossier";
import type { TrustSnapshot } from "@/lib/trust/schemas";

/**
 * The universal core wired to the browser for a dossier, as createBrowserVerifier is for one
 * credential: DID documents and status lists from their own URLs, anchors from the chain's RPC,
 * trust from the registry this browser read. `share` null verifies a bare presentation JWT
 * pasted on /verify, with no audience or nonce to hold it to.
 */
export function createBrowserDossierVerifier(
  ledgerConfig: PublicLedgerConfig,
  trust: TrustSnapshot,
) {
  const fetcher: typeof fetch = (input, init) => fetch(input, { cache: "no-store", ...init });
  const deps = {
    resolveDid: createDidResolver({ fetch: fetcher }),
    fetch: fetcher,
    ledger: createLedgerReader(ledgerConfig),
    trust,
    now: () => new Date(),
    context: createVerificationContext(),
  };
  return (presentation: string, share: { id: string; origin: string } | null) =>
    share ? verifyDossier(presentation, share, deps) : verifyPresentation(presentation, {}, deps);
}

export type DossierVerifier = ReturnType<typeof createBrowserDossierVerifier>;
