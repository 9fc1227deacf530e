"use client";

import { useId, type ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { CameraScan } from "./camera-scan";
import { PasteForm } from "./paste-form";
import { QrUpload } from "./qr-upload";

/**
 * The ways a credential reaches the verifier, each its own labelled section, all visible at
 * once: no input is hidden behind another. The camera comes first: at a front desk the doctor
 * holds up their phone.
 */
export function CredentialInput({ onCredential }: { onCredential: (jwt: string) => void }) {
  return (
    <div className="min-w-0 space-y-4">
      <InputSection title="Scan with camera">
        <CameraScan onCredential={onCredential} />
      </InputSection>
      <InputSection title="Upload a QR image">
        <QrUpload onCredential={onCredential} />
      </InputSection>
      <InputSection title="Paste a credential">
        <PasteForm onCredential={onCredential} />
      </InputSection>
    </div>
  );
}

function InputSection({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Card>
      <section aria-labelledby={headingId} className="space-y-3">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {children}
      </section>
    </Card>
  );
}
