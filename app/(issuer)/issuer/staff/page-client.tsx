"use client";

import { IssuerConsole } from "@/components/issuer/issuer-console";
import { StaffManager } from "@/components/issuer/staff-manager";

export function StaffPageClient() {
  return (
    <IssuerConsole current="staff" adminOnly>
      {(session) => <StaffManager session={session} />}
    </IssuerConsole>
  );
}
