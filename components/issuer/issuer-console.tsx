"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { testIds } from "@/lib/test-ids";
import type { ConsoleSession } from "./issuer-api";
import { ChangePasswordForm } from "./change-password-form";
import { IssuerHeader } from "./issuer-header";
import { SignInPanel } from "./sign-in-panel";
import { useIssuerDirectory } from "./use-issuer-directory";
import { useIssuerSession } from "./use-issuer-session";

export type ConsolePage = "issue" | "audit-log" | "staff" | "api-keys" | "account";
export type SignedIn = ConsoleSession & { slug: string };

const pages: Array<{ id: ConsolePage; href: string; label: string; admin?: boolean }> = [
  { id: "issue", href: "/issuer", label: "Issue & registry" },
  { id: "audit-log", href: "/issuer/audit-log", label: "Audit log" },
  { id: "staff", href: "/issuer/staff", label: "Staff", admin: true },
  { id: "api-keys", href: "/issuer/api-keys", label: "API keys", admin: true },
  { id: "account", href: "/issuer/account", label: "Your password" },
];

/**
 * The frame of every console page: the session check, the sign-in panel when nobody is signed
 * in, the issuer's header and the console's navigation. Admin-only pages say so to staff instead
 * of rendering (the server refuses them anyway). Someone signed in with an admin's temporary
 * password sees only the change-password form, whichever page they opened, until it is changed
 * (the server refuses everything else with PASSWORD_CHANGE_REQUIRED).
 */
export function IssuerConsole({
  current,
  adminOnly = false,
  children,
}: {
  current: ConsolePage;
  adminOnly?: boolean;
  children: (session: SignedIn) => ReactNode;
}) {
  const { session, ready, error, signedIn, signOut, signingOut, refresh } = useIssuerSession();
  const directory = useIssuerDirectory();

  if (!ready) {
    return (
      <p role="status" className="py-16 text-center text-sm text-slate-600">
        Loading the issuer console…
      </p>
    );
  }

  if (!session) {
    return (
      <>
        <PageHeader
          title="Issuer console"
          description="Issue verifiable credentials to doctors and keep their status up to date on the ledger."
        />
        {error ? (
          <div className="mb-4 max-w-lg">
            <Alert tone="warning" title="Could not check your session">
              {error.message}
            </Alert>
          </div>
        ) : null}
        <SignInPanel onSignedIn={signedIn} />
      </>
    );
  }

  const issuer = directory.data?.find((entry) => entry.slug === session.slug);
  const isAdmin = session.staff.role === "admin";
  const header = (
    <IssuerHeader
      slug={session.slug}
      issuer={issuer}
      staff={session.staff}
      onSignOut={signOut}
      signingOut={signingOut}
    />
  );

  if (session.mustChangePassword) {
    return (
      <>
        {header}
        <div className="grid max-w-lg gap-4" data-testid={testIds.issuer.passwordChangeRequired}>
          <Alert tone="warning" title="Choose your own password first">
            You signed in with a temporary password from an admin. Choose a password only you know;
            the console opens as soon as it is changed.
          </Alert>
          <ChangePasswordForm session={session} onChanged={() => void refresh()} />
        </div>
      </>
    );
  }

  return (
    <>
      {header}
      <nav aria-label="Issuer console" className="mb-6" data-testid={testIds.issuer.consoleNav}>
        <ul className="flex flex-wrap gap-1 border-b border-slate-200 text-sm">
          {pages
            .filter((p) => !p.admin || isAdmin)
            .map((p) => (
              <li key={p.id}>
                <Link
                  href={p.href}
                  aria-current={p.id === current ? "page" : undefined}
                  className="aria-[current=page]:border-brand-600 aria-[current=page]:text-brand-800 -mb-px block rounded-t-md border-b-2 border-transparent px-3 py-2 text-slate-700 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:font-semibold"
                >
                  {p.label}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      {adminOnly && !isAdmin ? (
        <Alert tone="info" title="Admins only">
          Only an admin of {issuer?.name ?? session.issuer.name} can manage this. Ask one of your
          admins.
        </Alert>
      ) : (
        children(session)
      )}
    </>
  );
}
