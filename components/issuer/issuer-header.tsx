"use client";

import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { CopyButton } from "@/components/ui/copy-button";
import { testIds } from "@/lib/test-ids";
import type { DirectoryEntry } from "./issuer-api";

/**
 * Who is signed in. The DID is truncated by CSS only, so copying, selecting and screen readers
 * all get the whole identifier.
 */
export function IssuerHeader({
  slug,
  issuer,
  staff,
  onSignOut,
  signingOut = false,
}: {
  slug: string;
  /** Undefined while the directory loads, or if it could not be loaded. */
  issuer: DirectoryEntry | undefined;
  /** Who is signed in. */
  staff?: { name: string; email: string; role: "admin" | "staff" };
  onSignOut: () => void;
  signingOut?: boolean;
}) {
  return (
    <PageHeader
      title={issuer?.name ?? slug}
      description={
        <span className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
          <span>Issuer console</span>
          {issuer ? (
            <>
              <span aria-hidden>·</span>
              <span className="flex max-w-full min-w-0 items-center gap-2">
                <span className="sr-only">DID:</span>
                <code
                  title={issuer.did}
                  className="block max-w-[16rem] min-w-0 truncate font-mono text-xs text-slate-700 sm:max-w-md"
                >
                  {issuer.did}
                </code>
                <CopyButton value={issuer.did} label="issuer DID" />
              </span>
            </>
          ) : null}
        </span>
      }
      actions={
        <div className="flex flex-wrap items-center gap-3">
          {staff ? (
            <p
              className="text-sm text-slate-700 sm:text-right"
              data-testid={testIds.issuer.signedInAs}
            >
              <span className="sr-only">Signed in as </span>
              <span className="font-medium text-slate-900">{staff.name}</span>{" "}
              <span className="text-slate-600">({staff.role === "admin" ? "Admin" : "Staff"})</span>
              <span className="block text-xs text-slate-600">{staff.email}</span>
            </p>
          ) : null}
          <Button
            variant="secondary"
            onClick={onSignOut}
            busy={signingOut}
            data-testid={testIds.issuer.signOut}
          >
            Sign out
          </Button>
        </div>
      }
    />
  );
}
