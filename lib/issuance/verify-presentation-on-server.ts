import "server-only";
import { verifyPresentation } from "@/lib/credentials/verify-presentation";
import type { VerifyPresentationBody } from "./schemas";
import { serverVerifyDeps } from "./server-verifier";
import type { IssuanceServices } from "./services";

/**
 * POST /api/v1/verify with a presentation: the universal core, with this server's challenge
 * store as the nonce store. A challenge from POST /api/v1/challenges is answered once; when the
 * caller names no domain, the one the challenge was issued for is required as the audience.
 */
export async function verifyPresentationOnServer(
  svc: IssuanceServices,
  body: VerifyPresentationBody,
) {
  const { presentation, challenge, allowNonSubjectHolder } = body;
  const domain =
    body.domain ??
    (challenge === undefined ? undefined : (await svc.challenges.peek(challenge))?.domain);
  const result = await verifyPresentation(
    presentation,
    {
      ...(challenge === undefined ? {} : { challenge }),
      ...(domain === undefined ? {} : { domain }),
      ...(allowNonSubjectHolder ? { allowNonSubjectHolder } : {}),
    },
    { ...(await serverVerifyDeps(svc)), consumeNonce: (nonce) => svc.challenges.consume(nonce) },
  );
  return {
    verified: result.verified,
    checks: result.checks,
    credentials: result.credentials.map((c) => ({ verified: c.verified, checks: c.checks })),
  };
}
