"use client";

import type { RegistryEvent } from "@/lib/ledger/registry-reader";
import { credentialTypeLabel } from "@/lib/trust/credential-types";
import { withdrawalReasonLabel } from "@/lib/trust/schemas";
import { testIds } from "@/lib/test-ids";
import { formatDay } from "./accreditation-status";

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

function describe(event: RegistryEvent, names: Map<string, string>) {
  switch (event.kind) {
    case "accredited":
      return {
        title: `${event.name} accredited`,
        body: `${event.credentialTypes.map(credentialTypeLabel).join(", ")} · ${formatDay(event.validFrom)} – ${formatDay(event.validUntil)}`,
        did: event.did,
      };
    case "withdrawn":
      return {
        title: `${names.get(event.did) ?? "Issuer"}: accreditation withdrawn`,
        body: withdrawalReasonLabel(event.reason) ?? "",
        did: event.did,
      };
    case "governance-transferred":
      return {
        title: "Accreditation authority set",
        body: `Governance account ${event.newGovernance}`,
        did: undefined,
      };
  }
}

/** The registry's event log, newest first: every change anyone can audit on chain. */
export function RegistryHistory({
  events,
  names,
}: {
  events: RegistryEvent[];
  /** DID → institution name, for events that carry only the DID. */
  names: Map<string, string>;
}) {
  return (
    <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {events.map((event) => {
        const text = describe(event, names);
        return (
          <li
            key={`${event.txHash}-${event.logIndex}`}
            data-testid={testIds.registry.event}
            data-kind={event.kind}
            className="grid gap-1 px-4 py-3 text-sm sm:grid-cols-[10rem_1fr]"
          >
            <p className="text-slate-600">
              {"at" in event ? (
                <time dateTime={event.at.toISOString()}>{timeFormat.format(event.at)} UTC</time>
              ) : (
                `Block ${event.blockNumber}`
              )}
            </p>
            <div className="min-w-0">
              <p className="font-medium text-slate-900">{text.title}</p>
              {text.body ? (
                <p className="[overflow-wrap:anywhere] text-slate-700">{text.body}</p>
              ) : null}
              {text.did ? (
                <p className="font-mono text-xs break-all text-slate-600">{text.did}</p>
              ) : null}
              <p className="mt-0.5 font-mono text-xs break-all text-slate-500">
                tx {event.txHash} · block {String(event.blockNumber)}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
