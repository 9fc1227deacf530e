import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { createDidResolver } from "@/lib/credentials/resolve-did";
import { verifyJwt } from "@/lib/credentials/verify-jwt";
import { credentials, issuers } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { appendAudit, type Actor } from "./audit-log";
import { credentialPayload } from "./credential-payload";
import type { RebindBody } from "./schemas";
import type { IssuanceServices } from "./services";
import { signJwtVc } from "./sign-jwt-vc";

/**
 * Re-binding after a wallet restore (POST /api/v1/rebind). A browser's holder key cannot be
 * exported, so a restored wallet holds credentials bound to a key it no longer has. At claim time
 * the wallet also sent the did:jwk of its exportable recovery key (kept only inside encrypted
 * backups), and the issuer stored it with the credential. The restored wallet now sends:
 * - `request`, signed by the recovery key: typ `vitae-rebind+jwt`, iss = the recovery did:jwk,
 *   aud = this server's origin, a fresh iat, a one-time nonce from POST /api/v1/challenges, the
 *   `credentialIds` to move and `holder`, the new holder DID;
 * - `holderProof`, signed by the new holder key over the same nonce and audience (typ
 *   `vitae-rebind-holder+jwt`, iss = holder), so nobody can bind a credential to a key they do
 *   not hold.
 * Each credential whose stored recovery DID matches and that is not revoked (or superseded) is
 * signed again from its row, so it keeps its id, status entries, dates and claims, only `sub`
 * changes; the result is per credential, with a code when it was refused.
 */

export const REBIND_REQUEST_TYPE = "vitae-rebind+jwt";
export const REBIND_HOLDER_PROOF_TYPE = "vitae-rebind-holder+jwt";
const MAX_AGE_S = 300;
const CLOCK_SKEW_S = 60;
const MAX_CREDENTIALS = 100;

/** The re-bind is the holder's own act, authorised by the recovery key: no staff, no API key. */
const rebindActor: Actor = { type: "system", id: "recovery-key" };

export type RebindRefusal =
  "UNKNOWN_CREDENTIAL" | "NO_RECOVERY_KEY" | "WRONG_RECOVERY_KEY" | "REVOKED" | "SUPERSEDED";

export type RebindResult =
  | { credentialId: string; ok: true; credential: string }
  | { credentialId: string; ok: false; code: RebindRefusal; message: string };

// Recovery and holder keys are self-contained did:jwk / did:key: nothing is fetched.
const resolveKeyDid = createDidResolver({
  fetch: () => Promise.reject(new Error("Recovery and holder keys must be did:jwk or did:key.")),
});

type Checked = { iss: string; nonce: string; payload: Record<string, unknown> };

async function checkJwt(
  jwt: string,
  expected: { typ: string; audience: string; now: Date; what: string },
): Promise<Checked> {
  const verified = await verifyJwt(jwt, {
    resolveDid: resolveKeyDid,
    purpose: "authentication",
    algorithms: ["ES256"],
  });
  if (!verified.ok) {
    throw new AppError(
      "VALIDATION_FAILED",
      `The ${expected.what} is not valid: ${verified.message}`,
    );
  }
  const { header, payload, issuerDid } = verified;
  const iat = typeof payload.iat === "number" ? payload.iat : NaN;
  const age = expected.now.getTime() / 1000 - iat;
  const problems = [
    header.typ !== expected.typ && `its type must be ${expected.typ}`,
    payload.aud !== expected.audience && `it must be addressed to ${expected.audience}`,
    !(age <= MAX_AGE_S && age >= -CLOCK_SKEW_S) &&
      "it is too old or from the future (check the device's clock)",
    (typeof payload.nonce !== "string" || payload.nonce.length === 0) && "it carries no nonce",
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new AppError(
      "VALIDATION_FAILED",
      `The ${expected.what} was refused: ${problems.join("; ")}.`,
    );
  }
  return { iss: issuerDid, nonce: payload.nonce as string, payload };
}

function credentialIdsOf(payload: Record<string, unknown>): string[] {
  const raw = payload.credentialIds ?? payload.credentialId;
  const list = Array.isArray(raw) ? raw : [raw];
  const ids = list.map((v) => (typeof v === "string" ? v.replace(/^urn:uuid:/, "") : ""));
  if (
    ids.length === 0 ||
    ids.length > MAX_CREDENTIALS ||
    ids.some((id) => !/^[\w-]{1,100}$/.test(id))
  ) {
    throw new AppError(
      "VALIDATION_FAILED",
      `The re-bind request must name 1 to ${MAX_CREDENTIALS} credential ids (credentialIds).`,
    );
  }
  return [...new Set(ids)];
}

export async function rebindCredentials(
  svc: IssuanceServices,
  body: RebindBody,
  now = new Date(),
): Promise<{ holder: string; results: RebindResult[] }> {
  const audience = svc.publicUrl;
  const request = await checkJwt(body.request, {
    typ: REBIND_REQUEST_TYPE,
    audience,
    now,
    what: "re-bind request (signed by the recovery key)",
  });
  const holder = request.payload.holder;
  if (typeof holder !== "string" || !/^did:(jwk|key):/.test(holder)) {
    throw new AppError(
      "VALIDATION_FAILED",
      "The re-bind request must name the new holder's did:jwk or did:key (holder).",
    );
  }
  const ids = credentialIdsOf(request.payload);
  const proof = await checkJwt(body.holderProof, {
    typ: REBIND_HOLDER_PROOF_TYPE,
    audience,
    now,
    what: "new holder key's proof",
  });
  if (proof.iss !== holder || proof.nonce !== request.nonce) {
    throw new AppError(
      "VALIDATION_FAILED",
      "The new holder key's proof must be signed by the holder the request names, over the same nonce.",
    );
  }
  // One-time and ours: a replayed request finds its nonce spent.
  const issued = await svc.challenges.peek(request.nonce);
  if (!issued || issued.domain !== audience || !(await svc.challenges.consume(request.nonce))) {
    throw new AppError(
      "NONCE_USED",
      "The re-bind request's nonce is unknown, already used or expired. Fetch a fresh one from POST /api/v1/challenges and sign again.",
    );
  }

  const results: RebindResult[] = [];
  for (const id of ids) results.push(await rebindOne(svc, id, request.iss, holder, now));
  return { holder, results };
}

async function rebindOne(
  svc: IssuanceServices,
  id: string,
  recoveryDid: string,
  holder: string,
  now: Date,
): Promise<RebindResult> {
  const refuse = (code: RebindRefusal, message: string): RebindResult => ({
    credentialId: id,
    ok: false,
    code,
    message,
  });
  const [row] = await svc.db
    .select({ credential: credentials, issuer: issuers })
    .from(credentials)
    .innerJoin(issuers, eq(issuers.slug, credentials.issuerSlug))
    .where(eq(credentials.id, id));
  if (!row) return refuse("UNKNOWN_CREDENTIAL", "This server issued no credential with this id.");
  const { credential, issuer } = row;
  if (!credential.recoveryDid) {
    return refuse(
      "NO_RECOVERY_KEY",
      `No recovery key was recorded when this credential was claimed. Ask ${issuer.name} for a new claim link.`,
    );
  }
  if (credential.recoveryDid !== recoveryDid) {
    return refuse(
      "WRONG_RECOVERY_KEY",
      "This credential was claimed with a different recovery key than the one that signed the request.",
    );
  }
  if (credential.status === "revoked") {
    return credential.statusReason === "superseded"
      ? refuse(
          "SUPERSEDED",
          `${issuer.name} has replaced this credential with a corrected one; claim the corrected one instead.`,
        )
      : refuse("REVOKED", `${issuer.name} has revoked this credential, so it cannot be re-bound.`);
  }
  const jwt = await signJwtVc(svc, issuer, credentialPayload(svc, credential, holder));
  const moved = await svc.db.transaction(async (tx) => {
    // Conditional on the same recovery key and on not having been revoked meanwhile.
    const updated = await tx
      .update(credentials)
      .set({ jwt, subjectDid: holder })
      .where(
        and(
          eq(credentials.id, id),
          eq(credentials.recoveryDid, recoveryDid),
          ne(credentials.status, "revoked"),
        ),
      )
      .returning({ id: credentials.id });
    if (updated.length === 0) return false;
    // Ids only: neither DID (they identify the doctor's wallets) goes into the log.
    await appendAudit(tx, {
      issuer,
      actor: rebindActor,
      action: "credential.rebound",
      credentialId: id,
      details: { authorisedBy: "recovery-key" },
      at: now,
    });
    return true;
  });
  if (!moved) {
    return refuse("REVOKED", `${issuer.name} changed this credential meanwhile; try again.`);
  }
  return { credentialId: id, ok: true, credential: jwt };
}
