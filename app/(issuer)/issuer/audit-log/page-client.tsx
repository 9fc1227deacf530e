"use client";

import { AuditLogView } from "@/components/issuer/audit-log-view";
import { IssuerConsole } from "@/components/issuer/issuer-console";
import type { PublicLedgerConfig } from "@/lib/env";

export function AuditLogPageClient({ ledgerConfig }: { ledgerConfig: PublicLedgerConfig }) {
  return (
    <IssuerConsole current="audit-log">
      {(session) => <AuditLogView session={session} ledgerConfig={ledgerConfig} />}
    </IssuerConsole>
  );
}
