"use client";

import { useId, type ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { PasteForm } from "./paste-form";
import { QrUpload } from "./qr-upload";

/**
 * The ways a credential reaches the verifier, each its own labelled section, all visible at
 * once: no input is hidden behind another. Camera scanning joins as a third section (on phones,
 * first) when it lands.
 */
export function CredentialInput({ onCredential }: { onCredential: (jwt: string) => void }) {
  return (
    <div className="min-w-0 space-y-4">
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
