import "client-only";
import { create, toDataURL } from "qrcode";
import { compactCredential } from "@/lib/credentials/compact-credential";

/**
 * A credential as one QR code for a verifier's camera, in the compact VITAE1 form (the original
 * JWT, compressed, as QR digits; see lib/credentials/compact-credential.ts), at error correction
 * M so a smudged or glare-struck phone screen still reads. A licence lands around version 18; a
 * JWT that cannot be carried exactly falls back to the raw text.
 */

export type CredentialQr = {
  dataUrl: string;
  version: number;
  level: "M";
  /** Characters in the code. */
  length: number;
  compact: boolean;
};

const LEVEL = "M";

export async function credentialQr(jwt: string): Promise<CredentialQr> {
  const compact = compactCredential.encode(jwt);
  const text = compact ?? jwt;
  let version: number;
  try {
    ({ version } = create(text, { errorCorrectionLevel: LEVEL }));
  } catch {
    // The only way `create` fails on a string: more than version 40 holds.
    throw new Error(
      `This credential (${jwt.length} characters) is too large for a single QR code. Share the raw credential instead.`,
    );
  }
  // A whole number of pixels per module (at least 4) keeps the code sharp for camera decoders; the
  // image is then shown at up to 480 CSS pixels, about 4–5 px a module at version 18–25.
  const dataUrl = await toDataURL(text, { errorCorrectionLevel: LEVEL, margin: 4, scale: 5 });
  return { dataUrl, version, level: LEVEL, length: text.length, compact: compact !== null };
}
