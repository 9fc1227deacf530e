// Bundled by scripts/bench/browser/run-in-chromium.ts (esbuild) and run in Debian's Chromium: the
// same universal core and the same race as in Node, wired the way the browser verifier wires it.
import type { DIDDocument } from "did-resolver";
import { createDidResolver } from "@/lib/credentials/resolve-did";
import { createVerificationContext } from "@/lib/credentials/verification-context";
import { verifyCredential } from "@/lib/credentials/verify-credential";
import { createLedgerReader, type LedgerConfig } from "@/lib/ledger/reader";
import type { TrustSnapshot } from "@/lib/trust/schemas";
import { countingSources, runVerifyThroughput } from "../verify-throughput";

export type PageInput = {
  jwts: string[];
  batch: number;
  rounds: number;
  didDocument: DIDDocument;
  trust: TrustSnapshot;
  ledger: LedgerConfig;
};

export function runInPage(input: PageInput) {
  // As components/verification/create-browser-verifier.ts does, one verifier at a time.
  const fetcher: typeof fetch = (url, init) => fetch(url, { cache: "no-store", ...init });
  return runVerifyThroughput({
    ...input,
    newVerifier: () => {
      const sources = countingSources(fetcher, createLedgerReader(input.ledger));
      const deps = {
        resolveDid: createDidResolver({ fetch: sources.fetch }),
        fetch: sources.fetch,
        ledger: sources.ledger,
        trust: input.trust,
        now: () => new Date(),
        context: createVerificationContext(),
      };
      return { verify: (jwt) => verifyCredential(jwt, deps), counts: sources.counts };
    },
  });
}
