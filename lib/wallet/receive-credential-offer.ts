import "client-only";
import type { z } from "zod";
import type { VerificationResult } from "@/lib/credentials/verification";
import { parseCredentialOffer } from "@/lib/oid4vci/credential-offer-uri";
import {
  authorizationServerMetadataSchema,
  credentialIssuerMetadataSchema,
  credentialOfferSchema,
  credentialResponseSchema,
  nonceResponseSchema,
  oauthErrorSchema,
  PRE_AUTHORIZED_GRANT,
  PROOF_JWT_TYPE,
  tokenResponseSchema,
  type CredentialConfiguration,
  type CredentialIssuerMetadata,
  type CredentialOffer,
  type Display,
} from "@/lib/oid4vci/schemas";
import { decodeJwt } from "./decode-jwt";
import { apiErrorSchema, compactJwtSchema, type HolderIdentity } from "./schemas";
import { signJwt } from "./sign-jwt";
import { addCredential, createIdentity, ownRecoveryDid } from "./wallet-store";

/**
 * The wallet as an OpenID4VCI 1.0 client, pre-authorized code flow, for any issuer that follows
 * the spec (Vitae's own included, reached only through its offer: no Vitae shortcut here):
 *   1. the offer, by value or fetched from credential_offer_uri;
 *   2. the issuer's metadata (/.well-known/openid-credential-issuer, inserted before the path,
 *      or appended as older drafts did) and its authorization server's (RFC 8414);
 *   3. POST token_endpoint (form) with the pre-authorized code (and tx_code when asked);
 *   4. POST nonce_endpoint for a c_nonce;
 *   5. a key proof (typ openid4vci-proof+jwt, aud = issuer, nonce) signed by the browser key;
 *   6. POST credential_endpoint with the Bearer token;
 *   7. the credential is checked with the universal core (signature and validity must hold)
 *      and must be bound to this wallet's DID before it is filed.
 */

export class OfferError extends Error {
  readonly code: string;
  readonly status: number | undefined;

  constructor(code: string, message: string, status?: number) {
    super(message);
    this.name = "OfferError";
    this.code = code;
    this.status = status;
  }

  /** Spent, expired, revoked or someone else's offers stay that way: trying again cannot help. */
  get final(): boolean {
    return [
      "invalid_grant",
      "credential_request_denied",
      "GONE",
      "NOT_FOUND",
      "FORBIDDEN",
      "WRONG_HOLDER",
      "UNSUPPORTED",
    ].includes(this.code);
  }
}

type Fetch = typeof globalThis.fetch;

export type OfferPreview = {
  offer: CredentialOffer;
  metadata: CredentialIssuerMetadata;
  configurationId: string;
  configuration: CredentialConfiguration;
  issuerName: string;
  credentialName: string;
  /** Present when the issuer sends a transaction code by another channel (e-mail, SMS). */
  txCode: { inputMode: "numeric" | "text"; length?: number; description?: string } | undefined;
};

function pickDisplay(displays: Display[] | undefined): Display | undefined {
  if (!displays?.length) return undefined;
  return displays.find((d) => !d.locale || d.locale.startsWith("en")) ?? displays[0];
}

async function call<T>(
  fetchFn: Fetch,
  url: string,
  schema: z.ZodType<T>,
  what: string,
  init?: RequestInit,
): Promise<T> {
  let res: Response;
  try {
    res = await fetchFn(url, { cache: "no-store", ...init });
  } catch {
    throw new OfferError(
      "NETWORK",
      `The issuer could not be reached (${what}). Check your connection and try again.`,
    );
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const oauth = oauthErrorSchema.safeParse(body);
    if (oauth.success) {
      throw new OfferError(
        oauth.data.error,
        oauth.data.error_description ?? `The issuer refused the request (${oauth.data.error}).`,
        res.status,
      );
    }
    const api = apiErrorSchema.safeParse(body);
    if (api.success) throw new OfferError(api.data.error.code, api.data.error.message, res.status);
    throw new OfferError("HTTP", `The issuer answered ${res.status} (${what}).`, res.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new OfferError(
      "BAD_RESPONSE",
      `The issuer sent ${what} the wallet does not understand.`,
      res.status,
    );
  }
  return parsed.data;
}

/** `https://host/path` → `https://host/.well-known/<name>/path`, then the appended form. */
function wellKnownUrls(identifier: string, name: string): string[] {
  const url = new URL(identifier);
  const path = url.pathname.replace(/\/$/, "");
  const inserted = `${url.origin}/.well-known/${name}${path}`;
  const appended = `${url.origin}${path}/.well-known/${name}`;
  return inserted === appended ? [inserted] : [inserted, appended];
}

async function discover<T>(
  fetchFn: Fetch,
  identifier: string,
  names: string[],
  schema: z.ZodType<T>,
  what: string,
): Promise<T> {
  let last: unknown;
  for (const name of names) {
    for (const url of wellKnownUrls(identifier, name)) {
      try {
        return await call(fetchFn, url, schema, what, { headers: { accept: "application/json" } });
      } catch (err) {
        last = err;
        // Only "not here" moves on to the next location; anything else is the answer.
        if (!(err instanceof OfferError && err.status === 404)) throw err;
      }
    }
  }
  throw last instanceof OfferError
    ? new OfferError("NOT_FOUND", `The issuer publishes no ${what}.`, 404)
    : last;
}

export async function previewCredentialOffer(
  input: string,
  fetchFn: Fetch = fetch,
): Promise<OfferPreview> {
  const parsed = parseCredentialOffer(input);
  if (!parsed.ok) throw new OfferError("BAD_OFFER", parsed.message);
  const offer =
    parsed.kind === "value"
      ? parsed.offer
      : await call(fetchFn, parsed.uri, credentialOfferSchema, "a credential offer", {
          headers: { accept: "application/json" },
        });

  const metadata = await discover(
    fetchFn,
    offer.credential_issuer,
    ["openid-credential-issuer"],
    credentialIssuerMetadataSchema,
    "credential issuer metadata",
  );
  if (metadata.credential_issuer !== offer.credential_issuer) {
    // The spec's rule: metadata that names another issuer must not be used.
    throw new OfferError(
      "BAD_RESPONSE",
      "The issuer's metadata names a different issuer than the offer. The offer cannot be trusted.",
    );
  }
  const configurationId = offer.credential_configuration_ids[0]!;
  const configuration = metadata.credential_configurations_supported[configurationId];
  if (!configuration) {
    throw new OfferError(
      "BAD_RESPONSE",
      `The issuer's metadata does not describe the offered credential (${configurationId}).`,
    );
  }
  if (configuration.format !== "jwt_vc_json") {
    throw new OfferError(
      "UNSUPPORTED",
      `This wallet stores credentials in the jwt_vc_json format; the issuer offers ${configuration.format}.`,
    );
  }
  const grant = offer.grants?.[PRE_AUTHORIZED_GRANT];
  if (!grant) {
    throw new OfferError(
      "UNSUPPORTED",
      "This offer needs a sign-in at the issuer (authorization code flow), which this wallet does not support yet. Ask the issuer for a pre-authorized offer.",
    );
  }
  const display =
    pickDisplay(configuration.credential_metadata?.display) ?? pickDisplay(configuration.display);
  return {
    offer,
    metadata,
    configurationId,
    configuration,
    issuerName: pickDisplay(metadata.display)?.name ?? new URL(offer.credential_issuer).host,
    credentialName: display?.name ?? configurationId,
    txCode: grant.tx_code
      ? {
          inputMode: grant.tx_code.input_mode ?? "numeric",
          ...(grant.tx_code.length ? { length: grant.tx_code.length } : {}),
          ...(grant.tx_code.description ? { description: grant.tx_code.description } : {}),
        }
      : undefined,
  };
}

export type ReceiveDeps = {
  fetch: Fetch;
  createIdentity: () => Promise<HolderIdentity>;
  addCredential: typeof addCredential;
  /** The universal core, wired for this browser (components/verification). */
  verify: (jwt: string) => Promise<VerificationResult>;
  now: () => Date;
  /** This wallet's recovery key DID, sent as the Vitae extension `recovery_did`. */
  recoveryDid?: () => Promise<string | null>;
};

export type ReceiveOutcome = Awaited<ReturnType<typeof addCredential>> & {
  identity: HolderIdentity;
  verification: VerificationResult;
};

/** The checks a credential must pass to be filed; status and trust are shown on the card. */
const REQUIRED_CHECKS = ["format", "signature", "validity"];

export async function receiveCredentialOffer(
  preview: OfferPreview,
  deps: ReceiveDeps,
  txCode?: string,
): Promise<ReceiveOutcome> {
  const { offer, metadata, configurationId } = preview;
  const grant = offer.grants![PRE_AUTHORIZED_GRANT]!;
  if (preview.txCode && !txCode) {
    throw new OfferError("TX_CODE_REQUIRED", "Enter the code the issuer sent you separately.");
  }

  const asIdentifier =
    grant.authorization_server ?? metadata.authorization_servers?.[0] ?? offer.credential_issuer;
  const as = await discover(
    deps.fetch,
    asIdentifier,
    ["oauth-authorization-server", "openid-configuration"],
    authorizationServerMetadataSchema,
    "authorization server metadata",
  );
  const form = new URLSearchParams({
    grant_type: PRE_AUTHORIZED_GRANT,
    "pre-authorized_code": grant["pre-authorized_code"],
    ...(txCode ? { tx_code: txCode } : {}),
  });
  const token = await call(deps.fetch, as.token_endpoint, tokenResponseSchema, "a token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
  });
  const nonce = metadata.nonce_endpoint
    ? (
        await call(deps.fetch, metadata.nonce_endpoint, nonceResponseSchema, "a nonce", {
          method: "POST",
        })
      ).c_nonce
    : token.c_nonce;

  const identity = await deps.createIdentity();
  const proof = await signJwt(
    { alg: "ES256", typ: PROOF_JWT_TYPE, kid: identity.kid },
    {
      aud: offer.credential_issuer,
      iat: Math.floor(deps.now().getTime() / 1000),
      ...(nonce ? { nonce } : {}),
    },
    identity.keyPair.privateKey,
  );
  // Vitae's extension (other issuers ignore unknown members): lets a restored wallet re-bind.
  const recoveryDid = (await deps.recoveryDid?.()) ?? null;
  const response = await call(
    deps.fetch,
    metadata.credential_endpoint,
    credentialResponseSchema,
    "a credential",
    {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        authorization: `Bearer ${token.access_token}`,
      },
      body: JSON.stringify({
        credential_configuration_id: configurationId,
        proofs: { jwt: [proof] },
        ...(recoveryDid ? { recovery_did: recoveryDid } : {}),
      }),
    },
  );
  const raw = response.credentials?.[0]?.credential ?? response.credential;
  if (raw === undefined) {
    throw new OfferError(
      "UNSUPPORTED",
      "The issuer will deliver this credential later (deferred issuance), which this wallet does not support yet.",
    );
  }
  const jwt = compactJwtSchema.safeParse(raw);
  if (!jwt.success) {
    throw new OfferError("BAD_RESPONSE", "The issuer sent a credential that is not a JWT.");
  }
  if (decodeJwt(jwt.data)?.payload.sub !== identity.did) {
    throw new OfferError(
      "WRONG_HOLDER",
      "The issuer sent a credential made out to a different wallet. Contact the issuer for a new offer.",
    );
  }
  const verification = await deps.verify(jwt.data);
  const failed = verification.checks.filter((c) => REQUIRED_CHECKS.includes(c.id) && c.ok !== true);
  if (failed.length > 0 || !verification.checks.some((c) => c.id === "signature")) {
    throw new OfferError(
      "NOT_VERIFIED",
      `The credential did not verify, so it was not added: ${failed.map((c) => c.message).join(" ") || "its signature was not checked."}`,
    );
  }
  const stored = await deps.addCredential({
    jwt: jwt.data,
    issuerName: preview.issuerName,
    claimedFrom: new URL(offer.credential_issuer).origin,
    ...(recoveryDid ? { recoveryDid } : {}),
  });
  return { ...stored, identity, verification };
}

export function defaultReceiveDeps(verify: ReceiveDeps["verify"]): ReceiveDeps {
  return {
    fetch: (input, init) => fetch(input, init),
    createIdentity,
    addCredential,
    verify,
    now: () => new Date(),
    recoveryDid: ownRecoveryDid,
  };
}
