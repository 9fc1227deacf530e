"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { HolderIdentity } from "@/lib/wallet/schemas";
import { testIds } from "@/lib/test-ids";
import { CopyButton } from "@/components/ui/copy-button";
import { LastBackup } from "./backup-panel";

/**
 * The DID, cut in the middle so the part that differs stays visible (every P-256 did:jwk starts
 * with the same ~40 characters). The element's text is still the whole DID, for screen readers,
 * selection and tests.
 */
function DidText({ did }: { did: string }) {
  const tail = did.slice(-10);
  return (
    <code
      data-testid={testIds.wallet.did}
      title={did}
      className="flex min-w-0 font-mono text-sm text-slate-900"
    >
      <span className="truncate">{did.slice(0, -10)}</span>
      <span className="shrink-0">{tail}</span>
    </code>
  );
}

export function IdentityPanel({
  identity,
  lastBackupAt,
  onCreate,
  creating,
  createError,
}: {
  identity: HolderIdentity | null;
  lastBackupAt: string | null;
  onCreate: () => void;
  creating: boolean;
  createError: Error | null;
}) {
  if (!identity) {
    return (
      <Card className="grid gap-3">
        <h2 className="text-lg font-semibold text-slate-900">Set up your wallet</h2>
        <p className="text-sm text-slate-700">
          Your wallet is a private key created in this browser. Issuers bind your credentials to it,
          and you use it to prove they are yours. The key never leaves this device: not even Vitae
          can read it.
        </p>
        <div>
          <Button onClick={onCreate} busy={creating} data-testid={testIds.wallet.createWallet}>
            Create my wallet
          </Button>
        </div>
        {createError ? (
          <Alert tone="error" title="The wallet could not be created">
            {createError.message}
          </Alert>
        ) : null}
      </Card>
    );
  }
  return (
    <Card className="grid gap-4">
      <div className="grid gap-1">
        <h2 className="text-lg font-semibold text-slate-900">Your wallet</h2>
        <p className="text-sm text-slate-600">
          Created{" "}
          {new Date(identity.createdAt).toLocaleDateString(undefined, { dateStyle: "long" })}.
          Issuers know you by this identifier (DID):
        </p>
      </div>
      <div className="flex min-w-0 items-center gap-2">
        <DidText did={identity.did} />
        <CopyButton value={identity.did} label="DID" data-testid={testIds.wallet.copyDid} />
      </div>
      <Alert tone="warning" title="Your credentials live only in this browser">
        <p>
          They are not stored on any server. Clearing this site&apos;s data, uninstalling the
          browser or losing this device deletes them and your key for good, unless you have a backup
          file.{" "}
          <a href="#backup" className="font-medium underline">
            {lastBackupAt ? "Make a new backup" : "Make a backup now"}
          </a>
        </p>
        <div className="mt-2">
          <LastBackup at={lastBackupAt} />
        </div>
      </Alert>
    </Card>
  );
}
