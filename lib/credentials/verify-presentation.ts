import type { FetchedList } from "@/lib/status/check-status";
import { decodePresentation } from "./decode-presentation";
import type { DecodedCredential, DecodedPresentation } from "./schemas";
import {
  verificationCodes,
  type Check,
  type PresentationCheck,
  type PresentationCheckId,
  type VerificationCode,
  type VerificationResult,
} from "./verification";
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  verifyCredential,
  type VerifyCredentialDeps,
} from "./verify-credential";
import { createVerificationContext } from "./verification-context";
import { checkAlgorithm, verifyJws } from "./verify-jws";

/**
 * Verifies a JWT verifiable presentation: the holder's own token (signature, validity window,
 * the verifier's challenge and audience, holder binding) and, in full, every credential it
 * embeds, with the same `verifyCredential` the verifier uses for a single credential, sharing one
 * status-list cache. The answer always lists the seven presentation checks in order (format,
 * signature, validity, challenge, audience, holder, credentials) plus one full result per
 * embedded credential.
 *
 * A presentation is verified only when all seven pass; the `credentials` check passes only when
 * every embedded credential is verified, and is `ok: null` (unknown, never valid) when none failed
 * but one could not be fully checked. As with credentials, nothing read from a payload whose
 * signature was not confirmed may pass a check, and a nonce is consumed only once the holder's
 * signature over it is confirmed (so forged tokens cannot burn a verifier's challenge).
 */

export type PresentationRequest = {
  /** The nonce the verifier handed out; when given, the presentation must carry exactly it. */
  challenge?: string;
  /** The verifier's identifier (e.g. its origin); when given, `aud` must name it. */
  domain?: string;
  /** Accept credentials whose subject is not the holder (a locum agency presenting for a doctor). */
  allowNonSubjectHolder?: boolean;
  /** Refuse presentations issued (`iat`) longer ago than this, whatever their `exp` says. */
  maxAgeSeconds?: number;
};

export type VerifyPresentationDeps = VerifyCredentialDeps & {
  /**
   * Marks a nonce used; resolves true only the first time for a nonce this verifier issued and
   * that has not expired. Required for `challenge` to mean anything: without it, replay is unknown.
   */
  consumeNonce?: (nonce: string) => boolean | Promise<boolean>;
};

export type PresentationVerificationResult = {
  verified: boolean;
  checks: PresentationCheck[];
  /** The full result of every embedded credential, in order (empty when they were not reached). */
  credentials: VerificationResult<DecodedCredential>[];
  presentation?: DecodedPresentation;
};

function pcheck(
  id: PresentationCheckId,
  ok: boolean | null,
  code: VerificationCode,
  message: string = verificationCodes[code],
  details?: Check["details"],
): PresentationCheck {
  return details ? { id, ok, code, message, details } : { id, ok, code, message };
}

function notChecked(
  ids: PresentationCheckId[],
  code: VerificationCode,
  reason: string,
): PresentationCheck[] {
  return ids.map((id) => pcheck(id, null, code, `Not checked: ${reason}.`));
}

function resultOf(
  checks: PresentationCheck[],
  credentials: VerificationResult<DecodedCredential>[],
  presentation?: DecodedPresentation,
): PresentationVerificationResult {
  const verified = checks.length > 0 && checks.every((c) => c.ok === true);
  return presentation === undefined
    ? { verified, checks, credentials }
    : { verified, checks, credentials, presentation };
}

async function checkHolderSignature(
  presentation: DecodedPresentation,
  jws: Parameters<typeof verifyJws>[0],
  deps: VerifyPresentationDeps,
): Promise<PresentationCheck> {
  const gate = checkAlgorithm(presentation.header.alg);
  if (!gate.ok) return pcheck("signature", false, gate.code, gate.message);
  const kid = presentation.header.kid;
  if (kid !== undefined && typeof kid !== "string") {
    return pcheck(
      "signature",
      false,
      "KEY_NOT_FOUND",
      "The JWT header's kid is not a key reference.",
    );
  }
  const resolution = await deps.resolveDid(presentation.holder);
  if (!resolution.ok) return pcheck("signature", null, resolution.code, resolution.message);
  // A holder proves control of its DID with an authentication key, as in the claim protocol.
  const verified = await verifyJws(jws, {
    kid,
    document: resolution.document,
    purpose: "authentication",
  });
  if (!verified.ok) {
    return pcheck(
      "signature",
      verified.indeterminate ? null : false,
      verified.code,
      verified.message,
    );
  }
  return pcheck("signature", true, "HOLDER_SIGNATURE_VALID", undefined, {
    kid: verified.method.id,
    alg: verified.alg,
  });
}

function checkValidity(
  presentation: DecodedPresentation,
  request: PresentationRequest,
  now: Date,
  skewSeconds: number,
): PresentationCheck {
  const { issuedAt, validFrom, validUntil } = presentation;
  const details = {
    issuedAt: issuedAt?.toISOString() ?? null,
    validFrom: validFrom?.toISOString() ?? null,
    validUntil: validUntil?.toISOString() ?? null,
  };
  const t = now.getTime();
  const skewMs = skewSeconds * 1000;
  for (const [date, field] of [
    [issuedAt, "issued"],
    [validFrom, "valid from"],
  ] as const) {
    if (date && t < date.getTime() - skewMs) {
      return pcheck(
        "validity",
        false,
        "PRESENTATION_NOT_YET_VALID",
        `The presentation is ${field} ${date.toISOString()}, which is in the future.`,
        details,
      );
    }
  }
  if (validUntil && t >= validUntil.getTime() + skewMs) {
    return pcheck(
      "validity",
      false,
      "PRESENTATION_EXPIRED",
      `The presentation expired on ${details.validUntil}.`,
      details,
    );
  }
  if (request.maxAgeSeconds !== undefined) {
    if (!issuedAt) {
      return pcheck(
        "validity",
        false,
        "PRESENTATION_EXPIRED",
        "The presentation carries no issue time (`iat`), so it cannot be shown to be recent.",
        details,
      );
    }
    if (t >= issuedAt.getTime() + request.maxAgeSeconds * 1000 + skewMs) {
      return pcheck(
        "validity",
        false,
        "PRESENTATION_EXPIRED",
        `The presentation was made more than ${request.maxAgeSeconds} s ago.`,
        details,
      );
    }
  }
  return pcheck("validity", true, "PRESENTATION_VALIDITY_OK", undefined, details);
}

async function checkChallenge(
  presentation: DecodedPresentation,
  request: PresentationRequest,
  deps: VerifyPresentationDeps,
): Promise<PresentationCheck> {
  if (request.challenge === undefined) return pcheck("challenge", true, "CHALLENGE_NOT_REQUESTED");
  const { nonce } = presentation;
  if (nonce === undefined || nonce === "") return pcheck("challenge", false, "NONCE_MISSING");
  if (nonce !== request.challenge) return pcheck("challenge", false, "NONCE_MISMATCH");
  if (!deps.consumeNonce) {
    return pcheck(
      "challenge",
      null,
      "NONCE_UNCHECKED",
      "No nonce store was given, so a replay of this challenge cannot be ruled out.",
    );
  }
  try {
    const fresh = await deps.consumeNonce(nonce);
    return fresh
      ? pcheck("challenge", true, "NONCE_OK")
      : pcheck("challenge", false, "NONCE_REPLAYED");
  } catch {
    return pcheck("challenge", null, "NONCE_UNCHECKED");
  }
}

function checkAudience(
  presentation: DecodedPresentation,
  request: PresentationRequest,
): PresentationCheck {
  if (request.domain === undefined) return pcheck("audience", true, "AUDIENCE_NOT_REQUESTED");
  if (presentation.audience.length === 0) return pcheck("audience", false, "AUDIENCE_MISSING");
  if (!presentation.audience.includes(request.domain)) {
    return pcheck(
      "audience",
      false,
      "AUDIENCE_MISMATCH",
      `The presentation is addressed to ${presentation.audience.join(", ")}, not ${request.domain}.`,
    );
  }
  return pcheck("audience", true, "AUDIENCE_OK");
}

function checkHolderBinding(
  presentation: DecodedPresentation,
  results: VerificationResult<DecodedCredential>[],
  request: PresentationRequest,
): PresentationCheck {
  if (request.allowNonSubjectHolder) return pcheck("holder", true, "HOLDER_BINDING_WAIVED");
  // Only a subject the issuer's signature vouches for counts, in either direction.
  const signed = (r: VerificationResult<DecodedCredential>) =>
    r.checks.find((c) => c.id === "signature")?.ok === true && r.credential !== undefined;
  const foreign = results.findIndex(
    (r) => signed(r) && r.credential!.subject !== presentation.holder,
  );
  if (foreign !== -1) {
    const subject = results[foreign]!.credential!.subject;
    return pcheck(
      "holder",
      false,
      "HOLDER_NOT_SUBJECT",
      subject === undefined
        ? `Credential ${foreign + 1} names no subject, so it is not bound to the holder who presents it.`
        : `Credential ${foreign + 1} is about ${subject}, but ${presentation.holder} presented it.`,
      { credential: foreign + 1 },
    );
  }
  const unconfirmed = results.findIndex((r) => !signed(r));
  if (unconfirmed !== -1) {
    return pcheck(
      "holder",
      null,
      "CREDENTIAL_NOT_VERIFIED",
      `Not checked: the issuer's signature on credential ${unconfirmed + 1} could not be confirmed, so its subject is not trusted.`,
    );
  }
  return pcheck("holder", true, "HOLDER_IS_SUBJECT");
}

function checkCredentials(results: VerificationResult<DecodedCredential>[]): PresentationCheck {
  const failed = results.findIndex((r) => r.checks.some((c) => c.ok === false));
  if (failed !== -1) {
    const reason = results[failed]!.checks.find((c) => c.ok === false)!;
    return pcheck(
      "credentials",
      false,
      "CREDENTIAL_NOT_VERIFIED",
      `Credential ${failed + 1} is not valid: ${reason.message}`,
      { credential: failed + 1, code: reason.code },
    );
  }
  const unknown = results.findIndex((r) => !r.verified);
  if (unknown !== -1) {
    const reason = results[unknown]!.checks.find((c) => c.ok !== true);
    return pcheck(
      "credentials",
      null,
      "CREDENTIAL_UNKNOWN",
      `Credential ${unknown + 1} could not be fully checked${reason ? `: ${reason.message}` : "."}`,
      { credential: unknown + 1, code: reason?.code ?? null },
    );
  }
  return pcheck("credentials", true, "CREDENTIALS_VERIFIED", undefined, {
    count: results.length,
  });
}

export async function verifyPresentation(
  jwt: string,
  request: PresentationRequest,
  deps: VerifyPresentationDeps,
): Promise<PresentationVerificationResult> {
  const decoded = decodePresentation(typeof jwt === "string" ? jwt.trim() : jwt);
  if (!decoded.ok) {
    return resultOf(
      [
        pcheck("format", false, decoded.code, decoded.message),
        ...notChecked(
          ["signature", "validity", "challenge", "audience", "holder", "credentials"],
          decoded.code,
          "the presentation could not be decoded",
        ),
      ],
      [],
    );
  }
  const { presentation, jws } = decoded;
  const format = pcheck("format", true, "PRESENTATION_FORMAT_OK", undefined, {
    credentials: presentation.credentials.length,
  });

  const signature = await checkHolderSignature(presentation, jws, deps);
  if (signature.ok !== true) {
    return resultOf(
      [
        format,
        signature,
        ...notChecked(
          ["validity", "challenge", "audience", "holder", "credentials"],
          signature.code,
          "the holder's signature could not be confirmed, so nothing in the presentation is trusted",
        ),
      ],
      [],
      presentation,
    );
  }

  const skewSeconds = deps.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const validity = checkValidity(presentation, request, deps.now(), skewSeconds);
  const challenge = await checkChallenge(presentation, request, deps);
  const audience = checkAudience(presentation, request);

  const statusListCache = deps.statusListCache ?? new Map<string, Promise<FetchedList>>();
  const credentialDeps: VerifyCredentialDeps = {
    resolveDid: deps.resolveDid,
    fetch: deps.fetch,
    ledger: deps.ledger,
    trust: deps.trust,
    now: deps.now,
    clockSkewSeconds: skewSeconds,
    statusListCache,
    // A presentation is a batch: its credentials share their issuers' lists and anchors.
    context: deps.context ?? createVerificationContext(),
  };
  const credentials = await Promise.all(
    presentation.credentials.map((credential) => verifyCredential(credential, credentialDeps)),
  );
  const holder = checkHolderBinding(presentation, credentials, request);
  const embedded = checkCredentials(credentials);

  return resultOf(
    [format, signature, validity, challenge, audience, holder, embedded],
    credentials,
    presentation,
  );
}
