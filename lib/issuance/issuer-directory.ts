import "server-only";
import { asc } from "drizzle-orm";
import { issuers } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { LedgerUnavailableError } from "@/lib/ledger/reader";
import { readTrustSnapshot, toTrustSnapshot } from "@/lib/trust/read-trust-snapshot";
import type { TrustSnapshot } from "@/lib/trust/schemas";
import { findIssuer } from "./authenticate-issuer";
import { issuerDidDocument } from "./issuer-did";
import type { IssuanceServices } from "./services";

/**
 * The public face of the issuers: the directory (who Vitae hosts, from the database), their
 * did:web documents, and the trust registry reading (who is accredited, from the chain).
 */

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

/**
 * The trust registry as verification uses it: read from the IssuerRegistry on chain (not from
 * this database), and an `unavailable` snapshot when the chain cannot be read.
 */
export function trustSnapshot(svc: IssuanceServices): Promise<TrustSnapshot> {
  return readTrustSnapshot(svc.registry.reader, registryRef(svc));
}

/** GET /api/v1/trust-registry: the same reading, but a chain that cannot be read is a 503. */
export async function readTrustRegistry(svc: IssuanceServices): Promise<TrustSnapshot> {
  try {
    return toTrustSnapshot(await svc.registry.reader.snapshot(), new Date());
  } catch (error) {
    if (error instanceof LedgerUnavailableError) {
      throw new AppError("TRUST_REGISTRY_UNAVAILABLE", error.message);
    }
    throw error;
  }
}

function registryRef(svc: IssuanceServices) {
  return { chainId: svc.registry.config.chainId, address: svc.registry.config.registryAddress };
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
