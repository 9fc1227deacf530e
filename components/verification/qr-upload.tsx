"use client";

import { useId, useRef, useState, type DragEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { testIds } from "@/lib/test-ids";
import { decodeQrImage } from "./decode-qr-image";
import { parseDossierLink } from "@/lib/shares/dossier-crypto";
import { extractCredentialWithReason } from "./extract-credential";
import { Icon } from "./icon";

type State =
  | { kind: "idle" }
  | { kind: "reading" }
  | { kind: "read"; fileName: string }
  | { kind: "failed"; message: string };

const messages = {
  notImage: "That file is not an image. Choose a photo or screenshot of the QR code.",
  noQr: "No QR code found in this image. Try a sharper photo or paste the credential.",
  noCredential:
    "This QR code does not hold a credential. Ask the doctor to show the QR code of the credential in their Vitae wallet.",
  unreadable:
    "This file could not be opened as an image. Try another photo or paste the credential.",
};

/** A file picker that is also a drop zone; the QR code is read on this device. */
export function QrUpload({ onCredential }: { onCredential: (jwt: string) => void }) {
  const inputId = useId();
  const hintId = useId();
  const [state, setState] = useState<State>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  // Only the latest file counts: a slow decode of an earlier one must not overwrite it.
  const latest = useRef(0);

  async function read(file: File | undefined) {
    if (!file) return;
    const attempt = ++latest.current;
    if (file.type && !file.type.startsWith("image/")) {
      setState({ kind: "failed", message: messages.notImage });
      return;
    }
    setState({ kind: "reading" });
    let text: string | null;
    try {
      text = await decodeQrImage(file);
    } catch {
      if (attempt === latest.current) setState({ kind: "failed", message: messages.unreadable });
      return;
    }
    if (attempt !== latest.current) return;
    const found = text === null ? null : extractCredentialWithReason(text);
    // A dossier link's QR holds the link itself; the page opens it.
    const jwt = found?.jwt ?? (text !== null && parseDossierLink(text) ? text : null);
    if (jwt === null) {
      const message =
        text === null
          ? messages.noQr
          : (found?.jwt === null && found.reason) || messages.noCredential;
      setState({ kind: "failed", message });
      return;
    }
    setState({ kind: "read", fileName: file.name });
    onCredential(jwt);
  }

  function onDrop(event: DragEvent<HTMLLabelElement>) {
    event.preventDefault();
    setDragging(false);
    void read(event.dataTransfer.files[0]);
  }

  function onDragOver(event: DragEvent<HTMLLabelElement>) {
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  }

  function onDragLeave(event: DragEvent<HTMLLabelElement>) {
    // Moving between the zone's own children fires dragleave too; only leaving the zone counts.
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  }

  return (
    <div className="space-y-3">
      <label
        htmlFor={inputId}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
        className={`has-[:focus-visible]:outline-brand-600 flex cursor-pointer flex-col items-center gap-1 rounded-lg border-2 border-dashed px-4 py-8 text-center transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 ${
          dragging
            ? "border-brand-600 bg-brand-50"
            : "border-slate-300 bg-slate-50 hover:bg-slate-100"
        }`}
      >
        <Icon name="upload" className="mb-1 size-8 text-slate-500" />
        <span className="text-brand-700 text-sm font-medium">Choose an image</span>
        <span className="text-sm text-slate-600">or drag it here</span>
        <input
          id={inputId}
          type="file"
          accept="image/*"
          className="sr-only"
          aria-describedby={hintId}
          data-testid={testIds.verifier.qrUpload}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            // Clear the picker so choosing the same file again still reads it.
            event.currentTarget.value = "";
            void read(file);
          }}
        />
      </label>
      <p id={hintId} className="text-xs text-slate-600">
        A photo or screenshot of the QR code from the doctor&apos;s wallet. The image stays on this
        device.
      </p>
      <div aria-live="polite">
        {state.kind === "reading" ? (
          <p className="text-sm text-slate-700">Reading the QR code…</p>
        ) : state.kind === "read" ? (
          <p className="text-sm text-slate-700">
            Read the QR code in <span className="font-medium break-all">{state.fileName}</span>.
          </p>
        ) : null}
      </div>
      {state.kind === "failed" ? (
        <Alert tone="error" data-testid={testIds.verifier.qrError}>
          {state.message}
        </Alert>
      ) : null}
    </div>
  );
}
