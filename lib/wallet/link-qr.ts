import "client-only";
import { create, toDataURL } from "qrcode";

/**
 * A short link (a dossier share) as a QR code at error correction M. A dossier link is about 90
 * characters, QR version 6–7: a phone camera reads it from across a desk.
 */
export async function linkQr(link: string): Promise<{ dataUrl: string; version: number }> {
  const { version } = create(link, { errorCorrectionLevel: "M" });
  const dataUrl = await toDataURL(link, { errorCorrectionLevel: "M", margin: 4, scale: 8 });
  return { dataUrl, version };
}
