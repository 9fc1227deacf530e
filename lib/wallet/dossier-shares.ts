import "client-only";
import type { z } from "zod";
import { dossierLink, encryptDossier, newShareSecrets } from "@/lib/shares/dossier-crypto";
import { createdShareSchema, shareViewsSchema, type ShareViews } from "@/lib/shares/schemas";
import { createPresentation } from "./create-presentation";
import { describeCredential } from "./describe-credential";
import {
  apiErrorSchema,
  type HolderIdentity,
  type StoredCredential,
  type WalletShare,
} from "./schemas";
import { saveShare } from "./wallet-store";

/**
 * "Share a dossier": the doctor picks credentials, an expiry, a view limit and a label for the
 * recipient. The wallet
 *   1. signs one presentation of them with the holder key, addressed to the link's origin (`aud`)
 *      and bound to the share id (`nonce`), valid exactly as long as the link;
 *   2. encrypts it under a fresh AES-256-GCM key (lib/shares/dossier-crypto.ts);
 *   3. uploads only the ciphertext, the expiry and the view limit, with an owner secret that lets
 *      it revoke the share and read its opens later (the server keeps the secret's hash);
 *   4. keeps the share (key, owner secret, label) sealed in its own store.
 * The label never leaves the wallet.
 */

export class ShareError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "ShareError";
    this.code = code;
  }
}

export type NewDossierShare = {
  identity: Pick<HolderIdentity, "did" | "kid" | "keyPair">;
  credentials: StoredCredential[];
  expiresAt: Date;
  maxViews: number;
  label: string;
  /** Where the share is stored and opened: this Vitae instance. */
  origin: string;
  now?: Date;
  fetch?: typeof globalThis.fetch;
};

export type DossierShare = WalletShare & { link: string };

export function shareLink(share: WalletShare): string {
  return dossierLink(share.origin, share.id, share.key);
}

async function callShareApi<T>(
  fetchFn: typeof globalThis.fetch,
  url: string,
  schema: z.ZodType<T> | null,
  init?: RequestInit,
): Promise<T> {
  let res: Response;
  try {
    res = await fetchFn(url, { cache: "no-store", ...init });
  } catch {
    throw new ShareError(
      "NETWORK",
      "Vitae could not be reached. Check your connection and try again.",
    );
  }
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = apiErrorSchema.safeParse(body);
    throw error.success
      ? new ShareError(error.data.error.code, error.data.error.message)
      : new ShareError("BAD_RESPONSE", `Vitae answered ${res.status}.`);
  }
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ShareError("BAD_RESPONSE", "Vitae answered something unexpected.");
  return parsed.data;
}

export async function createDossierShare(input: NewDossierShare): Promise<DossierShare> {
  const { identity, credentials, expiresAt, maxViews, label, origin } = input;
  const now = input.now ?? new Date();
  const fetchFn = input.fetch ?? globalThis.fetch.bind(globalThis);
  if (credentials.length === 0) {
    throw new ShareError("NO_CREDENTIALS", "Choose at least one credential to share.");
  }
  const ttlSeconds = Math.floor((expiresAt.getTime() - now.getTime()) / 1000);
  if (ttlSeconds < 60) throw new ShareError("EXPIRY", "Choose an expiry in the future.");
  const secrets = newShareSecrets();
  const presentation = await createPresentation(
    identity,
    credentials.map((c) => c.jwt),
    { nonce: secrets.id, audience: origin },
    { now, ttlSeconds },
  );
  const ciphertext = await encryptDossier(secrets.id, secrets.key, presentation);
  const created = await callShareApi(fetchFn, `${origin}/api/v1/shares`, createdShareSchema, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      id: secrets.id,
      ciphertext,
      expiresAt: expiresAt.toISOString(),
      maxViews,
      ownerSecret: secrets.ownerSecret,
    }),
  });
  const share: WalletShare = {
    id: created.id,
    key: secrets.key,
    ownerSecret: secrets.ownerSecret,
    origin,
    label: label.trim(),
    credentials: credentials.map((c) => ({
      id: c.id,
      title: describeCredential(c.jwt).title,
    })),
    createdAt: now.toISOString(),
    expiresAt: created.expiresAt,
    maxViews: created.maxViews,
    revokedAt: null,
  };
  await saveShare(share);
  return { ...share, link: shareLink(share) };
}

const ownerHeaders = (share: WalletShare) => ({ Authorization: `Bearer ${share.ownerSecret}` });

/** The share's state and every open, as the server counted them. */
export function fetchShareViews(
  share: WalletShare,
  fetchFn: typeof globalThis.fetch = globalThis.fetch.bind(globalThis),
): Promise<ShareViews> {
  return callShareApi(
    fetchFn,
    `${share.origin}/api/v1/shares/${share.id}/views`,
    shareViewsSchema,
    {
      headers: ownerHeaders(share),
    },
  );
}

/** Revokes on the server first; the wallet records it only once the server has. */
export async function revokeDossierShare(
  share: WalletShare,
  fetchFn: typeof globalThis.fetch = globalThis.fetch.bind(globalThis),
): Promise<WalletShare> {
  await callShareApi(fetchFn, `${share.origin}/api/v1/shares/${share.id}`, null, {
    method: "DELETE",
    headers: ownerHeaders(share),
  });
  const revoked = { ...share, revokedAt: new Date().toISOString() };
  await saveShare(revoked);
  return revoked;
}
