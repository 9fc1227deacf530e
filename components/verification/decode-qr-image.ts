import jsQR from "jsqr";

/**
 * Reads the QR code in an uploaded image, entirely in the browser (the credential never leaves
 * it). Photos of a phone screen are the hard case: they are large, noisy and sometimes shown in
 * dark mode, so the image is tried as is first (fast for clean screenshots), then downscaled
 * (which smooths noise and shrinks modules to the sizes jsQR finds best) looking for inverted
 * codes as well, and finally upscaled when it is tiny.
 *
 * Returns the QR code's text, or null when no code was found.
 */
export async function decodeQrImage(file: Blob): Promise<string | null> {
  const image = await loadImage(file);
  try {
    const width = image.naturalWidth || fallbackSide;
    const height = image.naturalHeight || fallbackSide;
    for (const attempt of attemptsFor(Math.max(width, height))) {
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
  inversion: "dontInvert" | "onlyInvert" | "attemptBoth";
  /** Off for upscaling, so module edges stay sharp. */
  smoothing: boolean;
};

// An SVG without width and height has no natural size; draw it at a size jsQR reads well.
const fallbackSide = 800;
// Canvases beyond ~16 megapixels fail on iOS Safari; 4096² is safe everywhere and plenty for a QR.
const maxSide = 4096;

function attemptsFor(longest: number): Attempt[] {
  const asIs = Math.min(longest, maxSide);
  const attempts: Attempt[] = [{ side: asIs, inversion: "dontInvert", smoothing: true }];
  for (const side of [1024, 512]) {
    if (side < asIs) attempts.push({ side, inversion: "attemptBoth", smoothing: true });
  }
  // The normal reading at full size already failed, so only the inverted one is left to try.
  attempts.push({ side: asIs, inversion: "onlyInvert", smoothing: true });
  if (longest < 400) attempts.push({ side: 800, inversion: "attemptBoth", smoothing: false });
  return attempts;
}

function scan(image: HTMLImageElement, width: number, height: number, attempt: Attempt) {
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

  const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const code = jsQR(pixels.data, pixels.width, pixels.height, {
    inversionAttempts: attempt.inversion,
  });
  return code?.data ? code.data : null;
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
