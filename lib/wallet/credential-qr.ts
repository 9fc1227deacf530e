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
  // A whole number of pixels per module (at least 4) keeps even version-40 codes readable by
  // camera decoders; a fixed width made large codes blur below three pixels a module.
  const dataUrl = await toDataURL(jwt, { errorCorrectionLevel: "L", margin: 4, scale: 4 });
  return { dataUrl, version };
}
