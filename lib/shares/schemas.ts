import { z } from "zod";

/**
 * Dossier share links: the shapes the wallet, the server and the opener page agree on.
 *
 * A link is `<origin>/s/<id>#<key>`: the id (16 random bytes) names the stored ciphertext, the
 * key (32 random bytes, AES-256-GCM) stays in the fragment, which browsers never send to a
 * server. Both are unpadded base64url, so a link is short enough for a small QR code.
 */

const b64u = (length: number) => z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${length}}$`));

/** 16 bytes → 22 characters. */
export const shareIdSchema = b64u(22);
/** 32 bytes → 43 characters: the AES-256 key, and (separately) the owner secret. */
export const shareKeySchema = b64u(43);
export const ownerSecretSchema = b64u(43);

/** A dossier of a few credentials is a few kilobytes; this leaves room without inviting abuse. */
export const MAX_SHARE_CIPHERTEXT = 200_000;
export const MAX_SHARE_VIEWS = 100;
export const MAX_SHARE_DAYS = 30;

// POST /api/v1/shares
export const createShareBodySchema = z.object({
  id: shareIdSchema,
  /** base64url of IV (12 bytes) ‖ AES-GCM ciphertext and tag. */
  ciphertext: z
    .string()
    .min(40)
    .max(MAX_SHARE_CIPHERTEXT)
    .regex(/^[A-Za-z0-9_-]+$/, "must be base64url"),
  expiresAt: z.iso.datetime({ offset: true }),
  maxViews: z.number().int().min(1).max(MAX_SHARE_VIEWS),
  /** Created by the wallet and kept only there; the server stores its SHA-256. */
  ownerSecret: ownerSecretSchema,
});
export type CreateShareBody = z.infer<typeof createShareBodySchema>;

export const createdShareSchema = z.object({
  id: shareIdSchema,
  expiresAt: z.iso.datetime({ offset: true }),
  maxViews: z.number().int(),
});
export type CreatedShare = z.infer<typeof createdShareSchema>;

// GET /api/v1/shares/[id]
export const openedShareSchema = z.object({
  id: shareIdSchema,
  ciphertext: z.string().min(1),
  expiresAt: z.iso.datetime({ offset: true }),
  /** This open included. */
  views: z.number().int(),
  maxViews: z.number().int(),
});
export type OpenedShare = z.infer<typeof openedShareSchema>;

/** Why a share no longer opens; each is a 410 (404 for an id that never existed). */
export const shareRefusalCodes = [
  "SHARE_NOT_FOUND",
  "SHARE_EXPIRED",
  "SHARE_REVOKED",
  "SHARE_EXHAUSTED",
] as const;
export type ShareRefusalCode = (typeof shareRefusalCodes)[number];

export const shareStates = ["active", "expired", "revoked", "exhausted"] as const;
export type ShareState = (typeof shareStates)[number];

// GET /api/v1/shares/[id]/views
export const shareViewsSchema = z.object({
  id: shareIdSchema,
  state: z.enum(shareStates),
  expiresAt: z.iso.datetime({ offset: true }),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
  views: z.number().int(),
  maxViews: z.number().int(),
  opens: z.array(z.object({ at: z.iso.datetime({ offset: true }), client: z.string() })),
});
export type ShareViews = z.infer<typeof shareViewsSchema>;
