import "server-only";
import { asc } from "drizzle-orm";
import { issuers } from "@/lib/db/schema";
import type { TrustSnapshot } from "@/lib/trust/schemas";
import { findIssuer } from "./authenticate-issuer";
import { issuerDidDocument } from "./issuer-did";
import type { IssuanceServices } from "./services";

/** The public face of the issuers: the directory and their did:web documents. */

export type DirectoryEntry = { slug: string; did: string; name: string; credentialTypes: string[] };

export async function listIssuers(svc: IssuanceServices): Promise<DirectoryEntry[]> {
  const rows = await svc.db.select().from(issuers).orderBy(asc(issuers.name));
  return rows.map((r) => ({
    slug: r.slug,
    did: r.did,
    name: r.name,
    credentialTypes: r.credentialTypes,
  }));
}

export async function trustSnapshot(svc: IssuanceServices): Promise<TrustSnapshot> {
  return {
    issuers: await listIssuers(svc),
    source: "vitae-directory",
    fetchedAt: new Date().toISOString(),
  };
}

export async function didDocumentFor(svc: IssuanceServices, slug: string) {
  const issuer = await findIssuer(svc, slug);
  const key = await svc.agent.keyManagerGet({ kid: issuer.signingKid });
  return issuerDidDocument({
    did: issuer.did,
    signingKey: key,
    ledgerAddress: issuer.ledgerAddress,
    chainId: svc.ledger.config.chainId,
  });
}
