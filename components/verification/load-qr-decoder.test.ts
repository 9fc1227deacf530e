import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * The decoder choice. Chromium on Linux (where the e2e camera test runs) has no BarcodeDetector,
 * so the native path is covered here, with a stand-in for the platform class: what it checks is
 * Vitae's side (asks for QR support, builds a QR-only detector, reads `rawValue`, treats a failed
 * detection as "no code"), not the platform's decoding.
 */

type Detected = { rawValue: string; format: string };

function installDetector(options: {
  formats: string[];
  detect?: (image: unknown) => Promise<Detected[]>;
}) {
  const constructed: unknown[] = [];
  class FakeBarcodeDetector {
    constructor(init?: { formats: string[] }) {
      constructed.push(init);
    }
    static getSupportedFormats() {
      return Promise.resolve(options.formats);
    }
    detect(image: unknown) {
      return options.detect ? options.detect(image) : Promise.resolve([]);
    }
  }
  vi.stubGlobal("BarcodeDetector", FakeBarcodeDetector);
  return constructed;
}

const image = { data: new Uint8ClampedArray(4), width: 1, height: 1 } as ImageData;

async function freshDecoder() {
  vi.resetModules();
  // In Node the wasm's same-origin URL cannot load, so the fallback ends at jsQR; zxing's loader
  // says so on the console, which is expected here.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  const { loadQrDecoder } = await import("./load-qr-decoder");
  return loadQrDecoder();
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("loadQrDecoder", () => {
  it("uses the platform's BarcodeDetector when it reads QR codes, asking for QR only", async () => {
    const constructed = installDetector({
      formats: ["ean_13", "qr_code"],
      detect: async () => [
        { rawValue: "", format: "qr_code" },
        { rawValue: "VITAE1:abc", format: "qr_code" },
      ],
    });
    const decoder = await freshDecoder();
    expect(decoder.engine).toBe("barcode-detector");
    expect(constructed).toEqual([{ formats: ["qr_code"] }]);
    expect(await decoder.decode(image)).toBe("VITAE1:abc");
  });

  it("reads a failed or empty detection as no code, never an exception", async () => {
    let fail = true;
    installDetector({
      formats: ["qr_code"],
      detect: async () => {
        if (fail) throw new DOMException("frame not ready", "InvalidStateError");
        return [];
      },
    });
    const decoder = await freshDecoder();
    expect(await decoder.decode(image)).toBeNull();
    fail = false;
    expect(await decoder.decode(image)).toBeNull();
  });

  it("passes over a BarcodeDetector that cannot read QR codes", async () => {
    const constructed = installDetector({ formats: ["ean_13", "code_128"] });
    const decoder = await freshDecoder();
    expect(decoder.engine).toBe("jsqr");
    expect(constructed).toEqual([]);
  });

  it("passes over a BarcodeDetector whose format query fails", async () => {
    vi.stubGlobal(
      "BarcodeDetector",
      class {
        static getSupportedFormats() {
          return Promise.reject(new Error("not allowed"));
        }
      },
    );
    const decoder = await freshDecoder();
    expect(decoder.engine).toBe("jsqr");
  });
});
