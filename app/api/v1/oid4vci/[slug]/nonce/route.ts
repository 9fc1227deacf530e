// POST /api/v1/oid4vci/[slug]/nonce — a fresh single-use c_nonce (OID4VCI §7)
import { issueNonce } from "@/lib/issuance/oid4vci/issue-nonce";
import {
  corsPreflight,
  handleOAuth,
  OAuthError,
  oauthJson,
} from "@/lib/issuance/oid4vci/oauth-error";
import { issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

type Ctx = { params: Promise<{ slug: string }> };

export const POST = handleOAuth(
  (code) => (code === "INTERNAL" ? "server_error" : "invalid_request"),
  async (_req, ctx: Ctx) => {
    const slug = issuerSlugSchema.safeParse((await ctx.params).slug);
    if (!slug.success) throw new OAuthError("invalid_request", "Not an issuer.");
    return oauthJson(await issueNonce(await getServices(), slug.data));
  },
);

export const OPTIONS = corsPreflight;
