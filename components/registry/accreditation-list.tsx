"use client";

import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { credentialTypeLabel } from "@/lib/trust/credential-types";
import { withdrawalReasonLabel, type Accreditation } from "@/lib/trust/schemas";
import { testIds } from "@/lib/test-ids";
import { accreditationStanding, formatDay, standingBadge } from "./accreditation-status";

/**
 * The registry's entries as cards: institution, DID, standing, credential types and period; a
 * withdrawn entry says since when and why. The governance console adds its actions per entry.
 */
export function AccreditationList({
  issuers,
  now,
  actions,
}: {
  issuers: Accreditation[];
  now: Date;
  actions?: (entry: Accreditation) => ReactNode;
}) {
  return (
    <ul className="grid gap-3">
      {issuers.map((entry) => {
        const standing = accreditationStanding(entry, now);
        const badge = standingBadge[standing];
        return (
          <li
            key={entry.did}
            data-testid={testIds.registry.entry}
            data-did={entry.did}
            data-standing={standing}
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          >
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0 flex-[1_1_15rem]">
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="font-semibold text-slate-900">{entry.name}</h3>
                  <Badge tone={badge.tone} data-testid={testIds.registry.standing}>
                    {badge.label}
                  </Badge>
                </div>
                <p className="mt-1 font-mono text-xs break-all text-slate-600">{entry.did}</p>
              </div>
              {actions ? <div className="flex flex-wrap gap-2">{actions(entry)}</div> : null}
            </div>
            <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
              <dt className="text-slate-600">May issue</dt>
              <dd>
                <ul className="flex flex-wrap gap-1.5" aria-label="Credential types">
                  {entry.credentialTypes.map((type) => (
                    <li
                      key={type}
                      title={type}
                      className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800"
                    >
                      {credentialTypeLabel(type)}
                    </li>
                  ))}
                </ul>
              </dd>
              <dt className="text-slate-600">Period</dt>
              <dd className="text-slate-900">
                {formatDay(entry.validFrom)} – {formatDay(entry.validUntil)}
              </dd>
              {entry.withdrawnAt ? (
                <>
                  <dt className="text-slate-600">Withdrawn</dt>
                  <dd className="font-medium text-red-800">
                    since {formatDay(entry.withdrawnAt)}
                    {entry.withdrawalReason
                      ? ` · ${withdrawalReasonLabel(entry.withdrawalReason)}`
                      : ""}
                  </dd>
                </>
              ) : null}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
