// POST /api/v1/oid4vci/[slug]/credential — Bearer token + key proof → the credential (OID4VCI §8)
import {
  corsPreflight,
  OAuthError,
  handleOAuth,
  oauthJson,
} from "@/lib/issuance/oid4vci/oauth-error";
import {
  bearerToken,
  redeemCredentialRequest,
} from "@/lib/issuance/oid4vci/redeem-credential-request";
import { issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";
import { credentialRequestSchema } from "@/lib/oid4vci/schemas";

type Ctx = { params: Promise<{ slug: string }> };

const MAX_BODY_BYTES = 64 * 1024;

export const POST = handleOAuth(
  // Shared claim checks: spent, expired or revoked is a refusal, not a malformed request.
  (code) => (code === "INTERNAL" ? "server_error" : "credential_request_denied"),
  async (req, ctx: Ctx) => {
    const slug = issuerSlugSchema.safeParse((await ctx.params).slug);
    if (!slug.success) throw new OAuthError("invalid_request", "Not an issuer.");
    const token = bearerToken(req.headers.get("authorization"));
    const text = await req.text();
    if (text.length > MAX_BODY_BYTES) {
      throw new OAuthError("invalid_credential_request", "The credential request is too large.");
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new OAuthError("invalid_credential_request", "The credential request is not JSON.");
    }
    const parsed = credentialRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new OAuthError(
        "invalid_credential_request",
        `The credential request is not valid: ${issue?.path.join(".") || "body"} ${issue?.message ?? ""}`.trim(),
      );
    }
    const answer = await redeemCredentialRequest(
      await getServices(),
      slug.data,
      token,
      parsed.data,
    );
    return oauthJson(answer);
  },
);

export const OPTIONS = corsPreflight;
