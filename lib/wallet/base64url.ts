import "client-only";

/**
 * Unpadded base64url (RFC 7515 §2), the encoding of every JWS segment and of did:jwk. Written out
 * here because `Uint8Array.toBase64` is not in every browser (nor in Node 20) yet.
 */
function encode(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Throws on anything that is not base64url, so a mangled segment never decodes to garbage. */
function decode(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new Error("not base64url");
  }
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export const base64url = {
  encode,
  decode,
  encodeJson: (value: unknown): string => encode(new TextEncoder().encode(JSON.stringify(value))),
  decodeJson: (text: string): unknown => JSON.parse(new TextDecoder().decode(decode(text))),
};
