"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { testIds } from "@/lib/test-ids";
import { extractCredentialWithReason } from "./extract-credential";
import { Icon } from "./icon";
import { loadQrDecoder, type QrEngine } from "./load-qr-decoder";

type Problem = "insecure" | "unsupported" | "denied" | "no-camera" | "busy" | "failed";

type State =
  | { kind: "idle"; note?: string }
  | { kind: "starting" }
  | { kind: "scanning"; engine: QrEngine | null; hint?: string }
  | { kind: "read" }
  | { kind: "problem"; problem: Problem };

const problems: Record<Problem, { title: string; text: string }> = {
  insecure: {
    title: "The camera needs a secure connection",
    text: "Browsers only allow the camera on pages opened over https (or on this computer itself). Open Vitae over https, or upload a photo of the QR code instead.",
  },
  unsupported: {
    title: "This browser cannot use a camera",
    text: "Upload a photo or screenshot of the QR code, or paste the credential.",
  },
  denied: {
    title: "Camera access was refused",
    text: "Allow the camera for this site in the browser's address bar or settings, then press Scan with camera again. You can also upload a photo of the QR code.",
  },
  "no-camera": {
    title: "No camera found",
    text: "This device has no camera that the browser can use. Upload a photo of the QR code or paste the credential.",
  },
  busy: {
    title: "The camera is in use",
    text: "Another app or browser tab is using the camera. Close it, then press Scan with camera again.",
  },
  failed: {
    title: "The camera could not be started",
    text: "Try again, or upload a photo of the QR code instead.",
  },
};

// Frames are drawn at most this wide: enough for a version-20 QR code filling the framing box,
// small enough to decode several times a second on a phone.
const frameSide = 960;
// Between decodes, so the page stays responsive and the phone cool.
const scanIntervalMs = 150;

/**
 * "Scan with camera": a live preview (rear camera preferred) with a framing box; frames are
 * decoded on this device with the page's best QR decoder until a credential is found. The camera
 * is released as soon as a credential is read, on "Stop camera", when the component unmounts and
 * when the tab is hidden, so the camera light never stays on behind the verifier's back.
 */
export function CameraScan({ onCredential }: { onCredential: (jwt: string) => void }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  // Which decoder read the frames, for support staff and tests (data-engine on the preview).
  const [engine, setEngine] = useState<QrEngine | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const timerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Bumped on every start and stop: a late frame or getUserMedia answer of an old run is ignored.
  const runRef = useRef(0);
  const controlsRef = useRef<HTMLDivElement>(null);
  const hintId = useId();

  const release = useCallback(() => {
    runRef.current++;
    clearTimeout(timerRef.current);
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    if (videoRef.current) videoRef.current.srcObject = null;
  }, []);

  const stop = useCallback(
    (note?: string) => {
      release();
      setState(note ? { kind: "idle", note } : { kind: "idle" });
    },
    [release],
  );

  useEffect(() => release, [release]);

  useEffect(() => {
    function onVisibility() {
      if (document.visibilityState === "hidden" && streamRef.current) {
        stop("The camera was turned off while this page was in the background.");
      }
    }
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, [stop]);

  async function start() {
    release();
    const run = runRef.current;
    if (typeof window !== "undefined" && !window.isSecureContext) {
      setState({ kind: "problem", problem: "insecure" });
      return;
    }
    if (!navigator.mediaDevices?.getUserMedia) {
      setState({ kind: "problem", problem: "unsupported" });
      return;
    }
    setState({ kind: "starting" });
    const decoderPromise = loadQrDecoder();
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: {
          facingMode: { ideal: "environment" },
          width: { ideal: 1280 },
          height: { ideal: 720 },
        },
      });
    } catch (error) {
      if (run === runRef.current) setState({ kind: "problem", problem: problemOf(error) });
      return;
    }
    if (run !== runRef.current) {
      stream.getTracks().forEach((track) => track.stop());
      return;
    }
    streamRef.current = stream;
    const video = videoRef.current;
    if (!video) {
      release();
      return;
    }
    video.srcObject = stream;
    try {
      await video.play();
    } catch {
      // Autoplay of a muted inline video is allowed everywhere; a failure here is a stop() race.
      if (run !== runRef.current) return;
    }
    const decoder = await decoderPromise;
    if (run !== runRef.current) return;
    setEngine(decoder.engine);
    setState({ kind: "scanning", engine: decoder.engine });

    const canvas = document.createElement("canvas");
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    let lastText = "";
    const tick = async () => {
      if (run !== runRef.current || !ctx) return;
      if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
        const scale = Math.min(1, frameSide / Math.max(video.videoWidth, video.videoHeight));
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
        const text = await decoder.decode(ctx.getImageData(0, 0, canvas.width, canvas.height));
        if (run !== runRef.current) return;
        if (text) {
          const found = extractCredentialWithReason(text);
          if (found.jwt) {
            release();
            setState({ kind: "read" });
            onCredential(found.jwt);
            return;
          }
          // Keep scanning: the verifier may be pointing at the wrong code. Say why it was not
          // taken, once per distinct code.
          if (text !== lastText) {
            lastText = text;
            setState({
              kind: "scanning",
              engine: decoder.engine,
              hint:
                ("reason" in found ? found.reason : undefined) ??
                "This QR code does not hold a credential. Ask the doctor to show the credential's QR code in their Vitae wallet.",
            });
          }
        }
      }
      timerRef.current = setTimeout(() => void tick(), scanIntervalMs);
    };
    void tick();
  }

  const active = state.kind === "starting" || state.kind === "scanning";
  // The Start and Stop buttons replace each other; keep keyboard focus on whichever is shown
  // when the one pressed disappears (focus would otherwise fall back to the page).
  const shownActive = useRef(active);
  useEffect(() => {
    if (shownActive.current === active) return;
    shownActive.current = active;
    const focused = document.activeElement;
    if (!focused || focused === document.body || controlsRef.current?.contains(focused)) {
      controlsRef.current?.querySelector("button")?.focus();
    }
  }, [active]);

  return (
    <div className="space-y-3">
      <div
        className={`relative overflow-hidden rounded-lg bg-slate-900 ${active ? "aspect-[4/3]" : "hidden"}`}
      >
        <video
          ref={videoRef}
          muted
          playsInline
          aria-label="Camera preview"
          data-testid={testIds.verifier.cameraPreview}
          data-engine={engine ?? ""}
          className="size-full object-cover"
        />
        {/* The framing box: where to hold the code. Decorative; the text below says the same. */}
        <div aria-hidden className="pointer-events-none absolute inset-0 grid place-items-center">
          <div className="aspect-square w-3/5 max-w-72 rounded-xl border-4 border-white/90 shadow-[0_0_0_9999px_rgba(15,23,42,0.45)]" />
        </div>
        {state.kind === "starting" ? (
          <p className="absolute inset-x-0 bottom-3 text-center text-sm font-medium text-white">
            Starting the camera…
          </p>
        ) : null}
      </div>

      <div ref={controlsRef} className="flex flex-wrap items-center gap-3">
        {active ? (
          <Button
            variant="secondary"
            data-testid={testIds.verifier.cameraStop}
            onClick={() => stop()}
          >
            Stop camera
          </Button>
        ) : (
          <Button
            data-testid={testIds.verifier.cameraStart}
            aria-describedby={hintId}
            onClick={() => void start()}
          >
            <Icon name="camera" className="size-4" />
            {state.kind === "read" ? "Scan another" : "Scan with camera"}
          </Button>
        )}
      </div>
      <p id={hintId} className="text-xs text-slate-600">
        Hold the QR code from the doctor&apos;s wallet inside the frame. The video stays on this
        device and the camera turns off as soon as the code is read.
      </p>

      <div aria-live="polite" className="text-sm text-slate-700">
        {state.kind === "scanning" ? <p>Looking for a QR code…</p> : null}
        {state.kind === "read" ? <p>Read the QR code. The camera is off.</p> : null}
        {state.kind === "idle" && state.note ? <p>{state.note}</p> : null}
      </div>
      {state.kind === "scanning" && state.hint ? (
        <Alert tone="warning" data-testid={testIds.verifier.cameraError}>
          {state.hint}
        </Alert>
      ) : null}
      {state.kind === "problem" ? (
        <div data-problem={state.problem}>
          <Alert
            tone="error"
            title={problems[state.problem].title}
            data-testid={testIds.verifier.cameraError}
          >
            {problems[state.problem].text}
          </Alert>
        </div>
      ) : null}
    </div>
  );
}

function problemOf(error: unknown): Problem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  switch (name) {
    case "NotAllowedError":
    case "PermissionDeniedError":
    case "SecurityError":
      return "denied";
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return "no-camera";
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return "busy";
    default:
      return "failed";
  }
}
