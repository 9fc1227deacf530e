import "client-only";
import { decodeCredential } from "@/lib/credentials/decode-credential";
import { matchDcql } from "@/lib/credentials/policy/match-dcql";
import type { PublicRequest } from "@/lib/credentials/policy/schemas";
import { createPresentation } from "./create-presentation";
import type { HolderIdentity, StoredCredential } from "./schemas";

/**
 * Answering a verifier's request: which of the wallet's credentials fit its DCQL query (and why
 * the others do not), and the `vp_token` the wallet posts: one presentation, signed by the holder
 * key for the request's nonce and audience, under the id of every query it answers.
 */

export type CredentialChoice = {
  credential: StoredCredential;
  /** The DCQL credential query ids this credential answers. */
  answers: string[];
  /** Why it answers none (one line per query), when `answers` is empty. */
  reasons: string[];
};

export function matchRequestCredentials(
  request: Pick<PublicRequest, "dcql_query" | "requirements">,
  credentials: readonly StoredCredential[],
): CredentialChoice[] {
  const queries = request.dcql_query.credentials;
  return credentials.map((credential) => {
    const decoded = decodeCredential(credential.jwt);
    if (!decoded.ok) {
      return { credential, answers: [], reasons: [`It cannot be read: ${decoded.message}`] };
    }
    const answers: string[] = [];
    const reasons: string[] = [];
    queries.forEach((query, i) => {
      const match = matchDcql(query, decoded.credential);
      if (match.matches) answers.push(query.id);
      else if (queries.length === 1) reasons.push(match.reason);
      else reasons.push(`${request.requirements[i]?.label ?? query.id}: ${match.reason}`);
    });
    return { credential, answers, reasons };
  });
}

export async function buildVpToken(
  identity: Pick<HolderIdentity, "did" | "kid" | "keyPair">,
  request: Pick<PublicRequest, "nonce" | "audience" | "dcql_query">,
  chosen: readonly CredentialChoice[],
): Promise<Record<string, string[]>> {
  const presentation = await createPresentation(
    identity,
    chosen.map((c) => c.credential.jwt),
    { nonce: request.nonce, audience: request.audience },
  );
  const answered = new Set(chosen.flatMap((c) => c.answers));
  // A credential chosen for no query still needs a key: use the first query's.
  const ids = answered.size > 0 ? [...answered] : [request.dcql_query.credentials[0]!.id];
  return Object.fromEntries(ids.map((id) => [id, [presentation]]));
}
