"use client";

import { useId, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { testIds } from "@/lib/test-ids";
import { verificationExportFileName, type VerificationExport } from "./build-verification-export";
import { Icon } from "./icon";
import { relativeAge } from "./relative-age";

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/**
 * The facts a credentialing office files: which credential, who issued it and whether they were
 * accredited, which anchored list version the status came from (with its transaction), and when
 * and where the check ran. On screen it offers "Print receipt" and "Download JSON"; in print it
 * is the receipt's core, closed by a line saying the check ran in the verifier's own browser.
 */
export function VerificationRecord({ exported }: { exported: VerificationExport }) {
  const headingId = useId();
  const checkedAt = new Date(exported.checkedAt);
  const { credential, anchor } = exported;

  function download() {
    const blob = new Blob([JSON.stringify(exported, null, 2) + "\n"], {
      type: "application/json",
    });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = verificationExportFileName(exported);
    document.body.append(link);
    link.click();
    link.remove();
    // Some browsers read the object URL after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <section
      aria-labelledby={headingId}
      data-testid={testIds.verifier.record}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 print:break-inside-avoid print:border-slate-400"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id={headingId} className="text-lg font-semibold text-slate-900">
          Verification record
        </h3>
        <div className="no-print flex flex-wrap gap-2">
          <Button
            variant="secondary"
            data-testid={testIds.verifier.printReceipt}
            onClick={() => window.print()}
          >
            <Icon name="print" className="size-4" />
            Print receipt
          </Button>
          <Button
            variant="secondary"
            data-testid={testIds.verifier.downloadJson}
            onClick={download}
          >
            <Icon name="download" className="size-4" />
            Download JSON
          </Button>
        </div>
      </div>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 print:grid-cols-2">
        <Row label="Credential ID" mono>
          {credential?.id ?? "Not stated"}
        </Row>
        <Row label="Issuer">
          {credential?.issuer.name ? <span className="block">{credential.issuer.name}</span> : null}
          <span className="block font-mono text-xs break-all text-slate-700">
            {credential?.issuer.did ?? "Unknown"}
          </span>
        </Row>
        <Row label="Accreditation">{accreditationText(exported)}</Row>
        <Row label="Ledger anchor">
          {anchorText(exported, checkedAt)}
          {anchor?.transaction ? (
            <span className="block font-mono text-xs break-all text-slate-700">
              tx {anchor.transaction.txHash} (block {anchor.transaction.blockNumber})
            </span>
          ) : null}
        </Row>
        <Row label="Checked">
          <time dateTime={exported.checkedAt}>{timeFormat.format(checkedAt)}</time>
        </Row>
        <Row label="Verdict">{exported.verdictLabel}</Row>
      </dl>
      <p className="border-t border-slate-200 pt-3 text-xs text-slate-600">
        Verified by Vitae in the verifier&apos;s browser at{" "}
        <time dateTime={exported.checkedAt}>{timeFormat.format(checkedAt)}</time>. The signature,
        status list, ledger anchor and accreditation were checked on this device; the credential was
        not sent to Vitae.
      </p>
    </section>
  );
}

function Row({ label, mono, children }: { label: string; mono?: boolean; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd
        className={`mt-0.5 break-words text-slate-900 ${mono ? "font-mono text-xs break-all" : ""}`}
      >
        {children}
      </dd>
    </div>
  );
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

function accreditationText({ trust, checks }: VerificationExport): string {
  if (!trust) return "Not checked";
  if (trust.ok === true) {
    const until = trust.accreditedUntil ? new Date(trust.accreditedUntil) : undefined;
    const where =
      trust.chainId !== null && trust.block !== null
        ? ` (trust registry on chain ${trust.chainId}, block ${trust.block})`
        : "";
    return `Accredited for this credential type${
      until && !Number.isNaN(until.getTime()) ? ` until ${dayFormat.format(until)}` : ""
    }${where}.`;
  }
  return checks.find((c) => c.id === "trust")?.message ?? "Not accredited";
}

function anchorText({ anchor }: VerificationExport, checkedAt: Date): string {
  if (!anchor) return "Not checked";
  if (anchor.version === null) {
    return anchor.code === "ANCHOR_NOT_APPLICABLE" ? "No status list to anchor." : "Not confirmed.";
  }
  const anchoredAt = anchor.anchoredAt ? new Date(anchor.anchoredAt) : undefined;
  const age =
    anchoredAt && !Number.isNaN(anchoredAt.getTime())
      ? `, anchored ${relativeAge(anchoredAt, checkedAt)} (${timeFormat.format(anchoredAt)})`
      : "";
  const outcome =
    anchor.ok === true ? "" : anchor.ok === false ? " — does not match" : " — unconfirmed";
  return `Status list version ${anchor.version}${age}${outcome}.`;
}
