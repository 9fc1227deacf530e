"use client";

import { ChangePasswordForm } from "@/components/issuer/change-password-form";
import { IssuerConsole } from "@/components/issuer/issuer-console";

export function AccountPageClient() {
  return (
    <IssuerConsole current="account">
      {(session) => <ChangePasswordForm session={session} />}
    </IssuerConsole>
  );
}
