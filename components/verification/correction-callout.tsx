"use client";

import { useCorrection } from "@/components/credential/use-correction";
import { Alert } from "@/components/ui/alert";
import type { DecodedCredential } from "@/lib/credentials/schemas";
import { testIds } from "@/lib/test-ids";

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: "medium" });

/**
 * The verifier's view of a correction chain. Informative only: the verdict comes from the status
 * list and its anchor, and stays "Not valid" for a superseded credential; this only says why and
 * what replaced it. If the issuer cannot be asked, nothing is shown and the report stands as is.
 * Nothing is followed for a credential whose signature was not confirmed.
 */
export function CorrectionCallout({
  credential,
  revoked,
  previous,
}: {
  credential: DecodedCredential;
  /** The status list says revoked (and the signature held). */
  revoked: boolean;
  /** `previous` as signed in the credential: the one it corrects. */
  previous: string | undefined;
}) {
  const reading = useCorrection(credential, revoked);
  const correction = reading?.kind === "read" ? reading.correction : undefined;
  return (
    <>
      {revoked && correction?.supersededBy ? (
        <Alert
          tone="warning"
          title={`Superseded: a corrected credential was issued${correction.at ? ` on ${day(correction.at)}` : ""}`}
          data-testid={testIds.verifier.superseded}
        >
          The issuer replaced this credential with a correction and revoked this version, so it is
          not valid. Ask the doctor for the corrected credential (
          <span className="font-mono text-xs break-all">{correction.supersededBy}</span>).
        </Alert>
      ) : null}
      {previous ? (
        <p
          className="rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900"
          data-testid={testIds.verifier.supersedes}
        >
          <span className="font-semibold">A correction.</span> Supersedes{" "}
          <span className="font-mono text-xs break-all">{previous}</span>, which the issuer revoked
          when issuing this one.
        </p>
      ) : null}
    </>
  );
}
