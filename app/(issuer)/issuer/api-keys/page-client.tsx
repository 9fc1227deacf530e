"use client";

import { ApiKeysManager } from "@/components/issuer/api-keys-manager";
import { IssuerConsole } from "@/components/issuer/issuer-console";

export function ApiKeysPageClient() {
  return (
    <IssuerConsole current="api-keys" adminOnly>
      {(session) => <ApiKeysManager session={session} />}
    </IssuerConsole>
  );
}
