import "server-only";
import { isAppError } from "@/lib/errors";
import { didDocumentFor } from "./issuer-directory";
import type { IssuanceServices } from "./services";
import { servedVersion } from "./status-lists";

const didPath = /^\/issuers\/([a-z0-9-]+)\/did\.json$/;
const listPath = /^\/api\/v1\/status-lists\/([A-Za-z0-9-]+)$/;

/**
 * A `fetch` for the verification core on the server: Vitae's own DID documents and status lists
 * are read from the database (the server may not reach its own public URL), everything else goes
 * to `fallback`. The anchor is still read from the chain, so the database vouches for nothing.
 */
export function localSourcesFetch(
  svc: IssuanceServices,
  fallback: typeof fetch = fetch,
): typeof fetch {
  const origin = new URL(svc.publicUrl).origin;
  return async (input, init) => {
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(href);
    if (url.origin !== origin) return fallback(input, init);
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
