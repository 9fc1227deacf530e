import { Badge } from "@/components/ui/badge";
import { testIds } from "@/lib/test-ids";
import type { CredentialStatus } from "@/lib/wallet/credential-status";

/** `label` says the status in another language (the wallet's); the English label by default. */
export function CredentialStatusBadge({
  status,
  label = status.label,
}: {
  status: CredentialStatus;
  label?: string;
}) {
  return (
    <Badge tone={status.tone} data-testid={testIds.wallet.credentialStatus}>
      {label}
    </Badge>
  );
}
