// POST /api/v1/oid4vci/[slug]/token — pre-authorized code → access token (form-encoded, OID4VCI §6)
import { exchangePreAuthorizedCode } from "@/lib/issuance/oid4vci/exchange-pre-authorized-code";
import {
  corsPreflight,
  handleOAuth,
  OAuthError,
  oauthJson,
} from "@/lib/issuance/oid4vci/oauth-error";
import { issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";
import { tokenRequestSchema } from "@/lib/oid4vci/schemas";

type Ctx = { params: Promise<{ slug: string }> };

const MAX_FORM_BYTES = 8 * 1024;

export const POST = handleOAuth(
  (code) => (code === "INTERNAL" ? "server_error" : "invalid_grant"),
  async (req, ctx: Ctx) => {
    const slug = issuerSlugSchema.safeParse((await ctx.params).slug);
    if (!slug.success) throw new OAuthError("invalid_request", "Not an issuer.");
    if (!req.headers.get("content-type")?.startsWith("application/x-www-form-urlencoded")) {
      throw new OAuthError(
        "invalid_request",
        "Send the token request form-encoded (application/x-www-form-urlencoded).",
      );
    }
    const text = await req.text();
    if (text.length > MAX_FORM_BYTES) {
      throw new OAuthError("invalid_request", "The token request is too large.");
    }
    const parsed = tokenRequestSchema.safeParse(Object.fromEntries(new URLSearchParams(text)));
    if (!parsed.success) {
      throw new OAuthError("invalid_request", "The token request needs a grant_type.");
    }
    return oauthJson(await exchangePreAuthorizedCode(await getServices(), slug.data, parsed.data));
  },
);

export const OPTIONS = corsPreflight;
