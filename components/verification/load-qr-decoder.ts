import jsQR from "jsqr";

/**
 * One QR decoder for the camera and for uploaded images, the best this browser offers:
 *
 * 1. the platform's `BarcodeDetector`, where it exists and reads QR codes (Android, macOS,
 *    ChromeOS): native, fast, no download;
 * 2. otherwise ZXing-C++ compiled to WebAssembly (`zxing-wasm`, reader build, ~1 MB), served
 *    from this origin (`/vendor/zxing-reader.wasm`), never from a CDN; it reads far more phone
 *    photos and camera frames than jsQR (blur, perspective, low contrast);
 * 3. jsQR (pure JavaScript) only when the WebAssembly cannot be loaded.
 *
 * The choice is made once per page and shared. Decoding never throws: no code is `null`.
 */

export type QrEngine = "barcode-detector" | "zxing" | "jsqr";

export type QrDecoder = {
  engine: QrEngine;
  /** The text of the first QR code in the image, or null. */
  decode(image: ImageData): Promise<string | null>;
};

let loading: Promise<QrDecoder> | undefined;

export function loadQrDecoder(): Promise<QrDecoder> {
  loading ??= pickDecoder();
  return loading;
}

/** The decoder of last resort, also used by uploads for their extra jsQR attempts. */
export const jsqrDecoder: QrDecoder = {
  engine: "jsqr",
  async decode(image) {
    try {
      const code = jsQR(image.data, image.width, image.height, {
        inversionAttempts: "attemptBoth",
      });
      return code?.data ? code.data : null;
    } catch {
      // jsQR throws on some degenerate images; that is simply "no code here".
      return null;
    }
  },
};

type DetectedBarcode = { rawValue: string; format: string };
type BarcodeDetectorInstance = { detect(image: ImageBitmapSource): Promise<DetectedBarcode[]> };
type BarcodeDetectorClass = {
  new (options?: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats(): Promise<string[]>;
};

async function pickDecoder(): Promise<QrDecoder> {
  const native = await nativeDecoder();
  if (native) return native;
  const zxing = await zxingDecoder();
  return zxing ?? jsqrDecoder;
}

async function nativeDecoder(): Promise<QrDecoder | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes("qr_code")) return null;
    const detector = new Detector({ formats: ["qr_code"] });
    return {
      engine: "barcode-detector",
      async decode(image) {
        try {
          const found = await detector.detect(image);
          return found.find((b) => b.rawValue)?.rawValue ?? null;
        } catch {
          return null;
        }
      },
    };
  } catch {
    return null;
  }
}

// A wasm that never arrives must not leave the scanner waiting forever.
const wasmLoadTimeoutMs = 15_000;

async function zxingDecoder(): Promise<QrDecoder | null> {
  try {
    const zxing = await import("zxing-wasm/reader");
    const wasmUrl = `/vendor/zxing-reader.wasm?v=${encodeURIComponent(zxing.ZXING_WASM_VERSION)}`;
    await withTimeout(
      zxing.prepareZXingModule({
        overrides: {
          locateFile: (file: string, prefix: string) =>
            file.endsWith(".wasm") ? wasmUrl : prefix + file,
        },
        fireImmediately: true,
      }),
      wasmLoadTimeoutMs,
    );
    const options = { formats: ["QRCode" as const], tryHarder: true, maxNumberOfSymbols: 1 };
    return {
      engine: "zxing",
      async decode(image) {
        try {
          const [first] = await zxing.readBarcodes(image, options);
          return first?.isValid && first.text ? first.text : null;
        } catch {
          return null;
        }
      },
    };
  } catch {
    return null;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
