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
export function verifyDossier(
  presentation: string,
  share: { id: string; origin: string },
  deps: VerifyCredentialDepsOnly,
): Promise<PresentationVerificationResult> {
  return verifyPresentation(
    presentation,
    { challenge: share.id, domain: share.origin },
    { ...deps, consumeNonce: (nonce) => nonce === share.id },
  );
}

type VerifyCredentialDepsOnly = Omit<VerifyPresentationDeps, "consumeNonce">;
