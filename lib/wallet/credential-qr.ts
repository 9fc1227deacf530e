import "client-only";
import { create, toDataURL } from "qrcode";

/**
 * The raw JWT as one QR code for a verifier's camera. Level L (7 % error correction) keeps the
 * code as small as possible for a phone screen, which does not get scuffed the way paper does.
 */

export type CredentialQr = { dataUrl: string; version: number };

export async function credentialQr(jwt: string): Promise<CredentialQr> {
  let version: number;
  try {
    ({ version } = create(jwt, { errorCorrectionLevel: "L" }));
  } catch {
    // The only way `create` fails on a string: more than version 40 holds (2,953 bytes at L).
    throw new Error(
      `This credential (${jwt.length} characters) is too large for a single QR code. Share the raw credential instead.`,
    );
  }
  const dataUrl = await toDataURL(jwt, { errorCorrectionLevel: "L", margin: 4, width: 480 });
  return { dataUrl, version };
}
