import "server-only";
import { createDidResolver } from "@/lib/credentials/resolve-did";
import { createVerificationContext } from "@/lib/credentials/verification-context";
import { verifyCredential, type VerifyCredentialDeps } from "@/lib/credentials/verify-credential";
import { trustSnapshot } from "./issuer-directory";
import { localSourcesFetch } from "./local-sources-fetch";
import type { IssuanceServices } from "./services";

/** What the universal core needs on the server: Vitae's own sources read locally, the chain read live. */
export async function serverVerifyDeps(svc: IssuanceServices): Promise<VerifyCredentialDeps> {
  const fetcher = localSourcesFetch(svc);
  return {
    resolveDid: createDidResolver({ fetch: fetcher }),
    fetch: fetcher,
    ledger: svc.ledger.reader,
    trust: await trustSnapshot(svc),
    now: () => new Date(),
    // One per request: a presentation's credentials share their lists, requests share nothing.
    context: createVerificationContext(),
  };
}

/** POST /api/v1/verify runs the same universal core as the browser. */
export async function verifyOnServer(svc: IssuanceServices, jwt: string) {
  return verifyCredential(jwt, await serverVerifyDeps(svc));
}
