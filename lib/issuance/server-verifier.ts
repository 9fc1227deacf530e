import "server-only";
import { createDidResolver } from "@/lib/credentials/resolve-did";
import { verifyCredential } from "@/lib/credentials/verify-credential";
import { isAppError } from "@/lib/errors";
import { didDocumentFor, trustSnapshot } from "./issuer-directory";
import type { IssuanceServices } from "./services";
import { servedVersion } from "./status-lists";

/**
 * POST /api/v1/verify runs the same universal core as the browser. Vitae's own DID documents and
 * status lists are read from the database instead of over HTTP to ourselves (the server may not
 * reach its public URL); the anchor is still read from the chain, so the database vouches for
 * nothing. Other issuers' documents are fetched from the network.
 */
function localFetch(svc: IssuanceServices): typeof fetch {
  const didPath = /^\/issuers\/([a-z0-9-]+)\/did\.json$/;
  const listPath = /^\/api\/v1\/status-lists\/([A-Za-z0-9-]+)$/;
  return async (input, init) => {
    const url = new URL(
      typeof input === "string" ? input : input instanceof URL ? input.href : input.url,
    );
    if (url.origin !== new URL(svc.publicUrl).origin) return fetch(input, init);
    try {
      const did = didPath.exec(url.pathname)?.[1];
      if (did) return Response.json(await didDocumentFor(svc, did));
      const list = listPath.exec(url.pathname)?.[1];
      if (list) return new Response((await servedVersion(svc, list)).jwt, { status: 200 });
    } catch (err) {
      return new Response("", { status: isAppError(err) ? err.status : 500 });
    }
    return new Response("", { status: 404 });
  };
}

export async function verifyOnServer(svc: IssuanceServices, jwt: string) {
  const fetcher = localFetch(svc);
  return verifyCredential(jwt, {
    resolveDid: createDidResolver({ fetch: fetcher }),
    fetch: fetcher,
    ledger: svc.ledger.reader,
    trust: await trustSnapshot(svc),
    now: () => new Date(),
  });
}
