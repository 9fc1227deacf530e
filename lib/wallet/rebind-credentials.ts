import "client-only";
import { decodeJwt } from "./decode-jwt";
import {
  apiErrorSchema,
  challengeResponseSchema,
  rebindResponseSchema,
  type HolderIdentity,
  type RebindOutcome,
  type RecoveryKey,
  type StoredCredential,
} from "./schemas";
import { signJwt } from "./sign-jwt";

/**
 * The wallet side of re-binding (the server side and the protocol are described in
 * lib/issuance/rebind-credentials.ts). After a restore, credentials still name the old wallet's
 * holder DID as `sub`. For each Vitae origin they came from and each recovery key they were
 * claimed with, the wallet fetches a one-time nonce, signs a request with that recovery key (from
 * the backup) and a proof with its own new holder key, and gets the same credentials back bound
 * to this wallet. Nothing is removed or replaced here: the caller files what comes back, so a
 * failure (offline, refused) leaves every stored credential as it was.
 */

export const REBIND_REQUEST_TYPE = "vitae-rebind+jwt";
export const REBIND_HOLDER_PROOF_TYPE = "vitae-rebind-holder+jwt";

/** Credentials of this wallet that are bound to a holder DID other than its own. */
export function credentialsToRebind(
  credentials: StoredCredential[],
  holderDid: string,
): StoredCredential[] {
  return credentials.filter((c) => {
    // A credential with no holder (no `sub`) is bound to no key: nothing to re-bind.
    const sub = decodeJwt(c.jwt)?.payload.sub;
    return typeof sub === "string" && sub !== holderDid;
  });
}

async function importRecoveryKey(key: RecoveryKey): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    "jwk",
    { ...key.privateJwk, ext: true },
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["sign"],
  );
}

/** The two signed halves of a re-bind request (POST /api/v1/rebind's body). */
export async function createRebindRequest(
  recoveryKey: RecoveryKey,
  identity: Pick<HolderIdentity, "did" | "kid" | "keyPair">,
  { audience, nonce, credentialIds }: { audience: string; nonce: string; credentialIds: string[] },
  now: Date = new Date(),
): Promise<{ request: string; holderProof: string }> {
  const iat = Math.floor(now.getTime() / 1000);
  const request = await signJwt(
    { alg: "ES256", typ: REBIND_REQUEST_TYPE, kid: `${recoveryKey.did}#0` },
    { iss: recoveryKey.did, aud: audience, iat, nonce, credentialIds, holder: identity.did },
    await importRecoveryKey(recoveryKey),
  );
  const holderProof = await signJwt(
    { alg: "ES256", typ: REBIND_HOLDER_PROOF_TYPE, kid: identity.kid },
    { iss: identity.did, aud: audience, iat, nonce },
    identity.keyPair.privateKey,
  );
  return { request, holderProof };
}

type Fetch = typeof globalThis.fetch;

export type RebindDeps = {
  fetch: Fetch;
  now: () => Date;
  /** Where credentials without a recorded origin were claimed: this page's origin. */
  defaultOrigin: string;
};

const OFFLINE =
  "Vitae could not be reached. Check your connection and try again; your credentials are unchanged.";

async function postJson(fetchFn: Fetch, url: string, body: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetchFn(url, {
      method: "POST",
      cache: "no-store",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new RebindError("NETWORK", OFFLINE);
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = apiErrorSchema.safeParse(json);
    throw error.success
      ? new RebindError(error.data.error.code, error.data.error.message)
      : new RebindError("HTTP", `The issuer answered ${res.status}. Try again later.`);
  }
  return json;
}

export class RebindError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "RebindError";
    this.code = code;
  }
}

/**
 * Re-binds `credentials` to `identity`, one request per (origin, recovery key). Returns one
 * outcome per credential, in order; a group that cannot be reached or is refused as a whole gives
 * each of its credentials that reason. Never throws for a network failure.
 */
export async function rebindCredentials(
  credentials: StoredCredential[],
  identity: Pick<HolderIdentity, "did" | "kid" | "keyPair">,
  recoveryKeys: RecoveryKey[],
  deps: RebindDeps,
): Promise<RebindOutcome[]> {
  const outcomes = new Map<string, RebindOutcome>();
  const groups = new Map<string, { origin: string; key: RecoveryKey; items: StoredCredential[] }>();
  for (const credential of credentials) {
    const key = recoveryKeys.find((k) => k.did === credential.recoveryDid);
    if (!credential.recoveryDid || !key) {
      outcomes.set(credential.id, {
        credentialId: credential.id,
        ok: false,
        code: credential.recoveryDid ? "RECOVERY_KEY_MISSING" : "NO_RECOVERY_KEY",
        message: credential.recoveryDid
          ? "The recovery key this credential was claimed with is not in this wallet. Restore the backup made by the wallet that claimed it."
          : `This credential was claimed before recovery keys existed. Ask ${credential.issuerName} for a new claim link.`,
      });
      continue;
    }
    const origin = credential.claimedFrom ?? deps.defaultOrigin;
    const groupKey = `${origin} ${key.did}`;
    const group = groups.get(groupKey) ?? { origin, key, items: [] };
    group.items.push(credential);
    groups.set(groupKey, group);
  }

  for (const { origin, key, items } of groups.values()) {
    try {
      const challenge = challengeResponseSchema.safeParse(
        await postJson(deps.fetch, `${origin}/api/v1/challenges`, {}),
      );
      if (!challenge.success) throw new RebindError("BAD_RESPONSE", "The issuer sent no nonce.");
      const body = await createRebindRequest(
        key,
        identity,
        {
          audience: challenge.data.domain,
          nonce: challenge.data.challenge,
          credentialIds: items.map((c) => c.id.replace(/^urn:uuid:/, "")),
        },
        deps.now(),
      );
      const response = rebindResponseSchema.safeParse(
        await postJson(deps.fetch, `${origin}/api/v1/rebind`, body),
      );
      if (!response.success) {
        throw new RebindError(
          "BAD_RESPONSE",
          "The issuer sent an answer the wallet does not understand.",
        );
      }
      for (const item of items) {
        const bare = item.id.replace(/^urn:uuid:/, "");
        const result = response.data.results.find((r) => r.credentialId === bare);
        if (!result) {
          outcomes.set(item.id, {
            credentialId: item.id,
            ok: false,
            code: "BAD_RESPONSE",
            message: "The issuer did not answer for this credential.",
          });
        } else if (!result.ok) {
          outcomes.set(item.id, { ...result, credentialId: item.id });
        } else if (decodeJwt(result.credential)?.payload.sub !== identity.did) {
          outcomes.set(item.id, {
            credentialId: item.id,
            ok: false,
            code: "WRONG_HOLDER",
            message: "The issuer sent a credential made out to a different wallet.",
          });
        } else {
          outcomes.set(item.id, { credentialId: item.id, ok: true, credential: result.credential });
        }
      }
    } catch (error) {
      const { code, message } =
        error instanceof RebindError ? error : new RebindError("INTERNAL", OFFLINE);
      for (const item of items) {
        outcomes.set(item.id, { credentialId: item.id, ok: false, code, message });
      }
    }
  }
  return credentials.map((c) => outcomes.get(c.id)!);
}
