"use client";

import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { credentialTitle } from "@/lib/credentials/describe-credential";
import type { StatusAction } from "@/lib/issuance/schemas";
import { testIds } from "@/lib/test-ids";
import type { CredentialStatus, IssuedCredentialSummary } from "./issuer-api";

const statusBadges: Record<CredentialStatus, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "success" },
  revoked: { label: "Revoked", tone: "danger" },
  suspended: { label: "Suspended", tone: "warning" },
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function shortHash(hash: string) {
  return hash.length > 18 ? `${hash.slice(0, 10)}…${hash.slice(-6)}` : hash;
}

const cell = "px-3 py-3 align-top";
const compact = "min-h-9 px-3 py-1";

/** One issued credential; its actions follow what the status allows (revocation is final). */
export function CredentialRow({
  credential: c,
  busyAction,
  disabled,
  onAction,
  onAmend,
}: {
  credential: IssuedCredentialSummary;
  /** The action running on this row, if any. */
  busyAction: StatusAction | undefined;
  /** Another row's action is running. */
  disabled: boolean;
  onAction: (action: StatusAction) => void;
  /** Opens the correction form; absent when the credential cannot be corrected. */
  onAmend?: () => void;
}) {
  const badge = statusBadges[c.status];
  const holder = c.subjectName ?? "Unnamed holder";
  const toggle = c.status === "suspended" ? "reinstate" : "suspend";

  return (
    <tr
      data-testid={testIds.issuer.credentialRow}
      data-credential-id={c.id}
      className="border-t border-slate-200"
    >
      <td className={cell}>
        <p className="font-medium text-slate-900">{holder}</p>
        {c.rowKey ? <p className="text-xs text-slate-600">Row key {c.rowKey}</p> : null}
        <ChainNote credential={c} />
        {c.subjectDid ? (
          <p title={c.subjectDid} className="max-w-56 truncate font-mono text-xs text-slate-600">
            {c.subjectDid}
          </p>
        ) : null}
      </td>
      <td className={cell}>{credentialTitle(c.type)}</td>
      <td className={cell}>
        <time dateTime={c.issuedAt}>{dateFormat.format(new Date(c.issuedAt))}</time>
      </td>
      <td className={cell}>
        <Badge tone={badge.tone} data-testid={testIds.issuer.rowStatus}>
          {badge.label}
        </Badge>
        {c.statusReason ? (
          <p className="mt-1 max-w-48 text-xs break-words text-slate-600">{c.statusReason}</p>
        ) : null}
      </td>
      <td className={cell}>{c.claimed ? "Yes" : "No"}</td>
      <td className={cell}>
        <AnchorCell anchor={c.anchor} />
      </td>
      <td className={cell}>
        {c.status === "revoked" ? (
          <span className="text-xs text-slate-600">Revocation is final</span>
        ) : (
          <div className="flex flex-wrap gap-2">
            {/* One element for both labels, so keyboard focus stays on it when the status flips. */}
            <Button
              variant="secondary"
              className={compact}
              busy={busyAction === toggle}
              disabled={disabled || busyAction !== undefined}
              onClick={() => onAction(toggle)}
              data-testid={toggle === "suspend" ? testIds.issuer.suspend : testIds.issuer.reinstate}
            >
              {toggle === "suspend" ? "Suspend" : "Reinstate"}
              <span className="sr-only"> the licence of {holder}</span>
            </Button>
            {onAmend ? (
              <Button
                variant="secondary"
                className={compact}
                disabled={disabled || busyAction !== undefined}
                onClick={onAmend}
                data-testid={testIds.issuer.amend}
              >
                Correct<span className="sr-only"> the credential of {holder}</span>
              </Button>
            ) : null}
            <Button
              variant="danger"
              className={compact}
              busy={busyAction === "revoke"}
              disabled={disabled || busyAction !== undefined}
              onClick={() => onAction("revoke")}
              data-testid={testIds.issuer.revoke}
            >
              Revoke<span className="sr-only"> the licence of {holder}</span>
            </Button>
          </div>
        )}
      </td>
    </tr>
  );
}

/** Where the row sits in a chain of corrections: what it corrects, what superseded it. */
function ChainNote({ credential: c }: { credential: IssuedCredentialSummary }) {
  if (!c.previousId && !c.supersededBy) return null;
  return (
    <div data-testid={testIds.issuer.rowChain} className="mt-1 grid gap-0.5 text-xs text-slate-700">
      {c.previousId ? (
        <p>
          Corrects{" "}
          <span title={`urn:uuid:${c.previousId}`} className="font-mono">
            {c.previousId.slice(0, 8)}
          </span>
        </p>
      ) : null}
      {c.supersededBy ? (
        <p>
          Superseded by{" "}
          <span title={`urn:uuid:${c.supersededBy}`} className="font-mono">
            {c.supersededBy.slice(0, 8)}
          </span>
        </p>
      ) : null}
    </div>
  );
}

/** The ledger anchor behind the row's current status: version, block time and transaction. */
function AnchorCell({ anchor }: { anchor: IssuedCredentialSummary["anchor"] }) {
  if (!anchor) return <span className="text-slate-600">Not anchored yet</span>;
  const history = `/ledger/${encodeURIComponent(anchor.listId)}`;
  if (anchor.state === "pending") {
    return (
      <div data-testid={testIds.issuer.anchorPending}>
        <Badge tone="warning">Pending anchor</Badge>
        <p className="mt-1 max-w-48 text-xs text-slate-600">
          {anchor.lastError
            ? "Recorded; the ledger is unreachable, retrying automatically."
            : "Recorded; waiting for the ledger."}
        </p>
      </div>
    );
  }
  return (
    <div data-testid={testIds.issuer.anchorCell}>
      <Link href={history} className="text-brand-700 underline underline-offset-2">
        List v{anchor.version}
      </Link>
      {anchor.anchoredAt ? (
        <p className="text-xs text-slate-600">
          <time dateTime={anchor.anchoredAt}>{timeFormat.format(new Date(anchor.anchoredAt))}</time>
        </p>
      ) : null}
      {anchor.anchorTx ? (
        <p title={anchor.anchorTx} className="font-mono text-xs text-slate-600">
          {shortHash(anchor.anchorTx)}
        </p>
      ) : null}
    </div>
  );
}
