"use client";

import { CredentialCard } from "@/components/credential/credential-card";
import {
  useCredentialVerification,
  type CredentialVerifier,
} from "@/components/credential/use-credential-verification";
import type { StoredCredential } from "@/lib/wallet/schemas";

/** A wallet card with its live status; the verifier is shared by every card on the page. */
export function VerifiedCredentialCard({
  credential,
  verifier,
}: {
  credential: StoredCredential;
  verifier: CredentialVerifier;
}) {
  const verification = useCredentialVerification(credential.jwt, verifier);
  return <CredentialCard credential={credential} verification={verification} />;
}
