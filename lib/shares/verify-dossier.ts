import {
  verifyPresentation,
  type PresentationVerificationResult,
  type VerifyPresentationDeps,
} from "@/lib/credentials/verify-presentation";

/**
 * Verifies the presentation inside a dossier link with the universal core, as the opener's
 * browser (or any verifier) does: it must be addressed to the origin that served the link (`aud`)
 * and bound to this share (`nonce` = the share id), so a presentation cut out of one share and
 * pasted into another, or replayed at another site, fails by name. The share id is not a one-time
 * challenge: the server counts opens against the doctor's view limit, and the presentation
 * expires with the link.
 */
export async function verifyDossier(
  presentation: string,
  share: { id: string; origin: string },
  deps: VerifyCredentialDepsOnly,
): Promise<PresentationVerificationResult> {
  const result = await verifyPresentation(
    presentation,
    { challenge: share.id, domain: share.origin },
    { ...deps, consumeNonce: (nonce) => nonce === share.id },
  );
  // The core's words for a fresh one-time challenge; here the nonce is the share's id.
  const checks = result.checks.map((c) =>
    c.id === "challenge" && c.code === "NONCE_OK"
      ? { ...c, message: "The presentation was made for this link (its nonce is the share's id)." }
      : c,
  );
  return { ...result, checks };
}

type VerifyCredentialDepsOnly = Omit<VerifyPresentationDeps, "consumeNonce">;
