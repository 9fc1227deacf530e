import { credentialOfferSchema, OFFER_SCHEME, type CredentialOffer } from "./schemas";

/**
 * Credential offers as people carry them (OID4VCI 1.0 §4.1): `openid-credential-offer://?…` with
 * the offer by value (`credential_offer=<json>`) or by reference (`credential_offer_uri=<https>`),
 * the same query on an https link (a wallet's own landing page), or the bare offer JSON pasted
 * in. Parsing never throws: a mangled offer is a reason the doctor can read.
 */

export type ParsedOffer =
  | { ok: true; kind: "value"; offer: CredentialOffer }
  | { ok: true; kind: "reference"; uri: string }
  | { ok: false; message: string };

const MAX_OFFER_CHARS = 16 * 1024;

export function credentialOfferUri(offerUri: string): string {
  return `${OFFER_SCHEME}?credential_offer_uri=${encodeURIComponent(offerUri)}`;
}

export function credentialOfferByValue(offer: CredentialOffer): string {
  return `${OFFER_SCHEME}?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;
}

function fromJson(text: string): ParsedOffer {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, message: "The credential offer is not valid JSON." };
  }
  const parsed = credentialOfferSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `The credential offer is incomplete: ${issue?.path.join(".") || "offer"} ${issue?.message ?? "is not valid"}.`,
    };
  }
  return { ok: true, kind: "value", offer: parsed.data };
}

function isHttpsOrLoopback(url: URL): boolean {
  if (url.protocol === "https:") return true;
  // Plain http only for this machine (development and tests); an offer from anywhere else
  // could be read or changed on the way.
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

export function parseCredentialOffer(input: string): ParsedOffer {
  const text = input.trim();
  if (text.length === 0) return { ok: false, message: "Paste a credential offer first." };
  if (text.length > MAX_OFFER_CHARS) {
    return { ok: false, message: "The credential offer is too long to be a real one." };
  }
  if (text.startsWith("{")) return fromJson(text);

  const queryStart = text.indexOf("?");
  const scheme = text.slice(0, text.indexOf(":") + 1).toLowerCase();
  if (queryStart < 0 || !["openid-credential-offer:", "https:", "http:"].includes(scheme)) {
    return {
      ok: false,
      message:
        "This is not a credential offer. It should start with openid-credential-offer:// or be a link that carries one.",
    };
  }
  const params = new URLSearchParams(text.slice(queryStart + 1).split("#")[0]);
  const byValue = params.get("credential_offer");
  const byReference = params.get("credential_offer_uri");
  if (byValue && byReference) {
    return { ok: false, message: "The credential offer carries two offers; it must carry one." };
  }
  if (byValue) return fromJson(byValue);
  if (byReference) {
    let url: URL;
    try {
      url = new URL(byReference);
    } catch {
      return { ok: false, message: "The credential offer's address is not a valid link." };
    }
    if (!isHttpsOrLoopback(url)) {
      return { ok: false, message: "The credential offer's address must be an https link." };
    }
    return { ok: true, kind: "reference", uri: url.href };
  }
  return {
    ok: false,
    message:
      "The link has no credential offer in it (no credential_offer or credential_offer_uri).",
  };
}
