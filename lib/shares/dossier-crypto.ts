import "client-only";
import { base64url } from "@/lib/wallet/base64url";
import { shareIdSchema, shareKeySchema } from "./schemas";

/**
 * The browser side of a dossier link, on WebCrypto alone (so Node runs the same tests).
 *
 * The wallet makes a fresh AES-256-GCM key for every share and encrypts the signed presentation
 * under it, with the share id as associated data (a ciphertext moved under another id does not
 * open). The server receives `base64url(iv ‖ ciphertext)`; the key travels only in the link's
 * fragment, `<origin>/s/<id>#<key>`, which browsers do not send to servers. A wrong key and an
 * altered ciphertext fail the same GCM tag check, so the opener can only say "does not open".
 */

const AES = { name: "AES-GCM", length: 256 } as const;
const aad = (id: string) => new TextEncoder().encode(`vitae-dossier/${id}`);
const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

export type ShareSecrets = { id: string; key: string; ownerSecret: string };

/** 16-byte id, 32-byte key, 32-byte owner secret, each unpadded base64url. */
export function newShareSecrets(): ShareSecrets {
  return {
    id: base64url.encode(random(16)),
    key: base64url.encode(random(32)),
    ownerSecret: base64url.encode(random(32)),
  };
}

async function importKey(key: string, usage: KeyUsage): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", base64url.decode(key), AES, false, [usage]);
}

export async function encryptDossier(id: string, key: string, plaintext: string): Promise<string> {
  const iv = random(12);
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: aad(id) },
    await importKey(key, "encrypt"),
    new TextEncoder().encode(plaintext),
  );
  const out = new Uint8Array(12 + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), 12);
  return base64url.encode(out);
}

export type DecryptedDossier =
  { ok: true; text: string } | { ok: false; code: "DOSSIER_UNREADABLE"; message: string };

const unreadable: DecryptedDossier = {
  ok: false,
  code: "DOSSIER_UNREADABLE",
  message:
    "The key in this link does not open the dossier: the link was cut short or changed, or the stored dossier was altered.",
};

export async function decryptDossier(
  id: string,
  key: string,
  ciphertext: string,
): Promise<DecryptedDossier> {
  try {
    const bytes = base64url.decode(ciphertext);
    if (bytes.length < 12 + 16) return unreadable;
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.slice(0, 12), additionalData: aad(id) },
      await importKey(key, "decrypt"),
      bytes.slice(12),
    );
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(plain) };
  } catch {
    return unreadable;
  }
}

export function dossierLink(origin: string, id: string, key: string): string {
  return `${origin.replace(/\/+$/, "")}/s/${id}#${key}`;
}

export type DossierLink = { origin: string; id: string; key: string | null };

/**
 * A dossier link found in pasted text: `<origin>/s/<id>#<key>`. `key` is null when the fragment is
 * missing or malformed (a link cut short), so the page can say so rather than "not a link".
 */
export function parseDossierLink(text: string): DossierLink | null {
  const match = /(https?:\/\/[^\s/#?]+)\/s\/([A-Za-z0-9_-]+)\/?(?:#([^\s]*))?/.exec(text.trim());
  if (!match) return null;
  const [, origin, id, fragment] = match;
  if (!origin || !shareIdSchema.safeParse(id).success) return null;
  const key = fragment && shareKeySchema.safeParse(fragment).success ? fragment : null;
  return { origin, id: id!, key };
}
