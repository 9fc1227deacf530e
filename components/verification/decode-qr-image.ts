import jsQR from "jsqr";
import { loadQrDecoder } from "./load-qr-decoder";

/**
 * Reads the QR code in an uploaded image, entirely in the browser (the credential never leaves
 * it). The page's best decoder (the platform's BarcodeDetector or ZXing's WebAssembly, see
 * load-qr-decoder.ts) reads the image first, at a normal and a detailed size; jsQR's attempts
 * below are the last resort. Screenshots and exported QR images are read as they are. Phone
 * photos are the hard case: large (jsQR needs seconds for 12 megapixels), noisy, sometimes of a
 * screen in dark mode. So for jsQR a big image is first drawn at a size it reads quickly, then a
 * downscaled copy (which smooths noise) and inverted readings are tried, then a larger copy for
 * a code that is small in the frame, and finally a sharp upscaled copy of a tiny image.
 *
 * Returns the QR code's text, or null when no code was found.
 */
export async function decodeQrImage(file: Blob): Promise<string | null> {
  const image = await loadImage(file);
  try {
    const width = image.naturalWidth || fallbackSide;
    const height = image.naturalHeight || fallbackSide;
    const longest = Math.max(width, height);
    const decoder = await loadQrDecoder();
    if (decoder.engine !== "jsqr") {
      for (const attempt of preferredAttemptsFor(longest)) {
        const pixels = draw(image, width, height, attempt);
        const found = pixels ? await decoder.decode(pixels) : null;
        if (found) return found;
      }
    }
    for (const attempt of attemptsFor(longest)) {
      const found = scan(image, width, height, attempt);
      if (found !== null) return found;
      // Let the "Reading the QR code…" state paint between attempts on a slow phone.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return null;
  } finally {
    URL.revokeObjectURL(image.src);
  }
}

type Attempt = {
  /** Longest side to draw at, in pixels. */
  side: number;
  // Never "onlyInvert": jsQR 1.4 throws a TypeError with it.
  inversion: "dontInvert" | "invertFirst" | "attemptBoth";
  /** Off for upscaling, so module edges stay sharp. */
  smoothing: boolean;
};

// An SVG without width and height has no natural size; draw it at a size jsQR reads well.
const fallbackSide = 800;
// Up to this size an image is read as it is; larger ones are read at this size first.
const quickSide = 1200;
// The largest copy tried, for a code that fills little of a big photo (and well within the
// ~16 megapixel canvas limit of iOS Safari).
const detailSide = 2048;

function attemptsFor(longest: number): Attempt[] {
  const first = Math.min(longest, quickSide);
  const attempts: Attempt[] = [{ side: first, inversion: "dontInvert", smoothing: true }];
  if (first > 512) attempts.push({ side: 512, inversion: "attemptBoth", smoothing: true });
  // The normal reading at this size already failed, so the inverted one goes first.
  attempts.push({ side: first, inversion: "invertFirst", smoothing: true });
  const detail = Math.min(longest, detailSide);
  if (detail > first) attempts.push({ side: detail, inversion: "attemptBoth", smoothing: true });
  if (longest < 400) attempts.push({ side: 800, inversion: "attemptBoth", smoothing: false });
  return attempts;
}

/** For a decoder that binarizes well by itself: the normal size, then the detailed one. */
function preferredAttemptsFor(longest: number): Attempt[] {
  const first = Math.min(longest, quickSide);
  const attempts: Attempt[] = [{ side: first, inversion: "attemptBoth", smoothing: true }];
  const detail = Math.min(longest, detailSide);
  if (detail > first) attempts.push({ side: detail, inversion: "attemptBoth", smoothing: true });
  if (longest < 400) attempts.push({ side: 800, inversion: "attemptBoth", smoothing: false });
  return attempts;
}

function scan(image: HTMLImageElement, width: number, height: number, attempt: Attempt) {
  const pixels = draw(image, width, height, attempt);
  if (!pixels) return null;
  try {
    const code = jsQR(pixels.data, pixels.width, pixels.height, {
      inversionAttempts: attempt.inversion,
    });
    return code?.data ? code.data : null;
  } catch {
    // jsQR throws on some degenerate images; for the user that is simply "no code here".
    return null;
  }
}

function draw(
  image: HTMLImageElement,
  width: number,
  height: number,
  attempt: Attempt,
): ImageData | null {
  const scale = attempt.side / Math.max(width, height);
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  // A white quiet zone around the image rescues screenshots cropped tight to the code.
  const pad = Math.round(Math.max(w, h) * 0.05);

  const canvas = document.createElement("canvas");
  canvas.width = w + 2 * pad;
  canvas.height = h + 2 * pad;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) return null;
  // White first: a transparent PNG would otherwise read as black, hiding a dark-on-clear code.
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = attempt.smoothing;
  ctx.drawImage(image, pad, pad, w, h);

  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

async function loadImage(file: Blob): Promise<HTMLImageElement> {
  const image = new Image();
  image.decoding = "async";
  image.src = URL.createObjectURL(file);
  try {
    await image.decode();
    return image;
  } catch {
    URL.revokeObjectURL(image.src);
    throw new Error("This file could not be opened as an image.");
  }
}
