import "server-only";
import type { IssuanceServices } from "./services";

/**
 * A one-time challenge for a presentation request (POST /api/v1/challenges). The domain is what
 * the wallet must sign as `aud`; by default this server's public origin.
 */
export async function issueChallenge(svc: IssuanceServices, domain: string = svc.publicUrl) {
  const issued = await svc.challenges.issue(domain);
  return {
    challenge: issued.challenge,
    domain: issued.domain,
    expiresAt: issued.expiresAt.toISOString(),
  };
}
