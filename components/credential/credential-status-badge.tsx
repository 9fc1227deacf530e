import { Badge } from "@/components/ui/badge";
import { testIds } from "@/lib/test-ids";
import type { CredentialStatus } from "@/lib/wallet/credential-status";

export function CredentialStatusBadge({ status }: { status: CredentialStatus }) {
  return (
    <Badge tone={status.tone} data-testid={testIds.wallet.credentialStatus}>
      {status.label}
    </Badge>
  );
}
