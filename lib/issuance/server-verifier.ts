import "server-only";
import { createDidResolver } from "@/lib/credentials/resolve-did";
import { verifyCredential } from "@/lib/credentials/verify-credential";
import { trustSnapshot } from "./issuer-directory";
import { localSourcesFetch } from "./local-sources-fetch";
import type { IssuanceServices } from "./services";

/** POST /api/v1/verify runs the same universal core as the browser. */
export async function verifyOnServer(svc: IssuanceServices, jwt: string) {
  const fetcher = localSourcesFetch(svc);
  return verifyCredential(jwt, {
    resolveDid: createDidResolver({ fetch: fetcher }),
    fetch: fetcher,
    ledger: svc.ledger.reader,
    trust: await trustSnapshot(svc),
    now: () => new Date(),
  });
}
