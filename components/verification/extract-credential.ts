import { compactCredential } from "@/lib/credentials/compact-credential";

/**
 * Finds the credential JWT in what a verifier pasted or a QR code held. Pasted text often arrives
 * wrapped over several lines, and a QR code or share link may carry the JWT inside a URL, so both
 * are accepted; anything else returns null so the UI can say so instead of "verifying" noise.
 *
 * The wallet's offline QR code holds the compact form (`VITAE1:` and digits), which is inflated
 * back to the exact original JWT here; a damaged one is reported by its own reason.
 *
 * Only the shape is checked here (three base64url segments). Whether it is a well-formed
 * credential is the `format` check's job, so the verifier sees the same reasons as the API.
 */

// The signature segment may be empty (`alg: none`); let the signature check reject it by name.
const wholeJwt = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
// Inside other text, require the `eyJ` that every JSON header starts with, to avoid false hits.
const embeddedJwt = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/;

export type ExtractedCredential = { jwt: string } | { jwt: null; reason?: string };

/** The JWT, or null: for the callers that only need the JWT. */
export function extractCredential(text: string): string | null {
  return extractCredentialWithReason(text).jwt;
}

/**
 * A wallet claim link (`…/wallet/claim#<token>`) is how a doctor *receives* a credential; it holds
 * no credential, and opening it would claim the credential into the verifier's own browser.
 */
const claimLink = /\/wallet\/claim(?:[/?#]|$)/;

export const claimLinkReason =
  "This is a claim link: the doctor opens it once to add the credential to their wallet. It does not contain the credential. Ask the doctor to show the credential's QR code in their Vitae wallet, or to send the credential itself.";

/** Like `extractCredential`, with the reason a compact code could not be read. */
export function extractCredentialWithReason(text: string): ExtractedCredential {
  // The common case first: a bare JWT (a roster row, a pasted token). Its alphabet has no `/`
  // and no `:`, so it can be neither a claim link nor a compact code: one scan settles it.
  const trimmed = text.trim();
  if (wholeJwt.test(trimmed)) return { jwt: trimmed };
  if (claimLink.test(text) && !embeddedJwt.test(text))
    return { jwt: null, reason: claimLinkReason };
  const compactAt = text.search(/VITAE1:/i);
  if (compactAt >= 0) {
    const decoded = compactCredential.decode(text.slice(compactAt));
    return decoded.ok ? { jwt: decoded.jwt } : { jwt: null, reason: decoded.message };
  }
  return { jwt: findJwt(text) };
}

function findJwt(text: string): string | null {
  const trimmed = text.trim();
  if (wholeJwt.test(trimmed)) return trimmed;
  // Rejoin a JWT wrapped over lines, but only one that looks like a JWT: a sentence with full
  // stops would otherwise collapse into three "segments".
  const compact = trimmed.replace(/\s+/g, "");
  if (compact.startsWith("eyJ") && wholeJwt.test(compact)) return compact;
  return embeddedJwt.exec(decodeIfEncoded(text))?.[0] ?? null;
}

/** A JWT in a URL query is usually left as is, but some encoders escape it; undo that. */
function decodeIfEncoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
