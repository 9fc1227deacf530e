"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { testIds } from "@/lib/test-ids";
import { extractCredentialWithReason } from "./extract-credential";

/**
 * Pasted text goes to the verifier even when it does not look like a JWT: the `format` check
 * then says exactly what is wrong with it, in the same words the API uses. A JWT inside a link,
 * or wrapped over lines, is picked out first, and the wallet's compact VITAE1 code is inflated.
 */
export function PasteForm({ onCredential }: { onCredential: (jwt: string) => void }) {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string>();

  function submit(event: { preventDefault(): void }) {
    event.preventDefault();
    const text = value.trim();
    if (!text) {
      setError("Paste a credential first.");
      return;
    }
    const found = extractCredentialWithReason(text);
    if (found.jwt === null && found.reason) {
      setError(found.reason);
      return;
    }
    setError(undefined);
    onCredential(found.jwt ?? text);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <TextAreaField
        label="Credential (JWT)"
        hint="A long text in three parts separated by dots, starting with eyJ, a VITAE1: code, or a dossier link (…/s/…#…)."
        error={error}
        rows={5}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit(event);
        }}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        data-testid={testIds.verifier.paste}
      />
      <Button type="submit" data-testid={testIds.verifier.pasteSubmit}>
        Verify
      </Button>
    </form>
  );
}
