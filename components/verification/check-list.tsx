"use client";

import Link from "next/link";
import { Fragment, type ReactNode } from "react";
import type { Check, CheckId, PresentationCheck } from "@/lib/credentials/verification";
import { checkNames as names } from "./check-names";
import { testIds } from "@/lib/test-ids";
import { Icon } from "./icon";
import { relativeAge } from "./relative-age";
import { useNow } from "./use-now";

const outcomes = {
  true: { icon: "pass", label: "Passed", tone: "text-emerald-700" },
  false: { icon: "fail", label: "Failed", tone: "text-red-700" },
  null: { icon: "unknown", label: "Could not be checked", tone: "text-slate-500" },
} as const;

/** Details the list words itself; anything else the core adds is shown as it comes. */
const worded = new Set([
  "version",
  "anchoredAt",
  "listUrl",
  "statusPurpose",
  "validFrom",
  "validUntil",
  "kid",
  "alg",
  "issuerName",
  "name",
  "registry",
  "registryFetchedAt",
  "listValidUntil",
  "servedVersion",
  "readAt",
  "maxAgeSeconds",
  // the message and the anchored time say these already
  "anchorAgeSeconds",
  "withinValidity",
  "lists",
  "registryReadAt",
  "registryChainId",
  "registryBlock",
  "accreditedFrom",
  "accreditedUntil",
  // the trust check's message already says since when and why
  "withdrawnAt",
  "withdrawalReason",
  // shown in the report's technical details and credential section already
  "issuerDid",
  "credentialType",
  // a presentation's: the report's holder section shows when it was signed and how many it holds
  "issuedAt",
  "credentials",
  "count",
]);

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Every check in the core's order, with its outcome, the core's own message and the facts. */
export function CheckList({ checks }: { checks: Array<Check | PresentationCheck> }) {
  const now = useNow();
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {checks.map((check) => {
        const outcome = outcomes[String(check.ok) as keyof typeof outcomes];
        return (
          <li
            key={check.id}
            data-testid={testIds.verifier.check}
            data-check-id={check.id}
            data-ok={String(check.ok)}
            className="flex break-inside-avoid gap-3 px-4 py-3"
          >
            <Icon name={outcome.icon} className={`mt-0.5 size-5 ${outcome.tone}`} />
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
                <span className="font-medium text-slate-900">{names[check.id] ?? check.id}</span>
                <span className={`text-xs font-semibold ${outcome.tone}`}>{outcome.label}</span>
              </p>
              <p className="mt-0.5 text-sm text-slate-700">{check.message}</p>
              <CheckDetails check={check} now={now} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function CheckDetails({ check, now }: { check: Check | PresentationCheck; now: Date }) {
  const details = check.details ?? {};
  const lines = wordedDetails(check.id, details, now);
  for (const [key, value] of Object.entries(details)) {
    if (!worded.has(key) && value !== null) lines.push(`${key}: ${String(value)}`);
  }
  if (lines.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
      {lines.map((line, i) => (
        <li key={i} className="break-words">
          {line}
        </li>
      ))}
    </ul>
  );
}

function wordedDetails(
  id: CheckId | PresentationCheck["id"],
  details: NonNullable<Check["details"]>,
  now: Date,
) {
  const { version, anchoredAt, listUrl, statusPurpose, validFrom, validUntil, kid, alg } = details;
  const lines: ReactNode[] = [];

  const anchored = dateOf(anchoredAt);
  const anchor = [
    version !== undefined && version !== null ? `version ${String(version)}` : null,
    anchored ? (
      <>
        anchored <Moment date={anchored} now={now} />
      </>
    ) : null,
  ].filter((part) => part !== null);
  const listValidUntil = dateOf(details.listValidUntil);
  if (listValidUntil) anchor.push(`list valid until ${timeFormat.format(listValidUntil)}`);
  const readAt = dateOf(details.readAt);
  if (readAt && id === "anchor") {
    anchor.push(
      <>
        read <Moment date={readAt} now={now} />
        {typeof details.maxAgeSeconds === "number"
          ? ` (reused for up to ${details.maxAgeSeconds} s)`
          : null}
      </>,
    );
  }
  if (typeof details.servedVersion === "number") {
    anchor.push(`served version ${details.servedVersion}`);
  }
  if (anchor.length > 0) {
    const history = id === "anchor" ? ledgerHistoryPath(listUrl) : undefined;
    lines.push(
      <>
        {anchor.map((part, i) => (
          <Fragment key={i}>
            {i > 0 ? ", " : null}
            {part}
          </Fragment>
        ))}
        {history ? (
          <>
            <span className="print:hidden">
              {" · "}
              <Link href={history} className="text-brand-700 underline underline-offset-2">
                audit the list&apos;s history
              </Link>
            </span>
          </>
        ) : null}
      </>,
    );
  }

  const from = dateOf(validFrom);
  const until = dateOf(validUntil);
  if (from || until) {
    lines.push(
      `${from ? `From ${timeFormat.format(from)}` : "No start date"}, ${
        until ? `until ${timeFormat.format(until)}` : "no end date"
      }`,
    );
  }

  // The anchor check repeats the status list's URL; the status check already shows it.
  if (typeof listUrl === "string" && !(id === "anchor" && anchor.length > 0)) {
    lines.push(
      <>
        {typeof statusPurpose === "string" ? `Status list (${statusPurpose})` : "Status list"}:{" "}
        <span className="break-all">{listUrl}</span>
      </>,
    );
  }

  if (typeof kid === "string") {
    lines.push(
      <>
        {typeof alg === "string" ? `${alg} key` : "Key"}:{" "}
        <span className="font-mono break-all">{kid}</span>
      </>,
    );
  }

  const name = details.issuerName ?? details.name;
  if (typeof name === "string") lines.push(`Registered as ${name}`);
  const accreditedFrom = dateOf(details.accreditedFrom);
  const accreditedUntil = dateOf(details.accreditedUntil);
  if (accreditedFrom && accreditedUntil) {
    lines.push(
      `Accredited from ${timeFormat.format(accreditedFrom)} until ${timeFormat.format(accreditedUntil)}`,
    );
  }
  const registryRead = dateOf(details.registryReadAt ?? details.registryFetchedAt);
  if (typeof details.registry === "string") {
    const where = [
      typeof details.registryChainId === "number" ? `chain ${details.registryChainId}` : null,
      typeof details.registryBlock === "number" ? `block ${details.registryBlock}` : null,
    ].filter(Boolean);
    lines.push(
      <>
        Trust registry: <span className="font-mono break-all">{details.registry}</span>
        {where.length > 0 ? ` (${where.join(", ")})` : null}
        {registryRead ? (
          <>
            , read <Moment date={registryRead} now={now} />
          </>
        ) : null}
      </>,
    );
  }
  return lines;
}

function Moment({ date, now }: { date: Date; now: Date }) {
  return (
    <time dateTime={date.toISOString()} title={timeFormat.format(date)}>
      {relativeAge(date, now)}
    </time>
  );
}

/** Vitae's own lists have a public history page; another issuer's list URL gets no link. */
function ledgerHistoryPath(listUrl: unknown): string | undefined {
  if (typeof listUrl !== "string" || typeof location === "undefined") return undefined;
  try {
    const url = new URL(listUrl);
    const id = /^\/api\/v1\/status-lists\/([A-Za-z0-9-]+)$/.exec(url.pathname)?.[1];
    return url.origin === location.origin && id ? `/ledger/${id}` : undefined;
  } catch {
    return undefined;
  }
}

function dateOf(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
