"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { TextField } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { queryKeys } from "@/lib/query-keys";
import { MAX_SHARE_DAYS, MAX_SHARE_VIEWS } from "@/lib/shares/schemas";
import { testIds } from "@/lib/test-ids";
import { decodeJwt } from "@/lib/wallet/decode-jwt";
import { describeCredential } from "@/lib/wallet/describe-credential";
import { createDossierShare, type DossierShare } from "@/lib/wallet/dossier-shares";
import { linkQr } from "@/lib/wallet/link-qr";
import type { HolderIdentity, StoredCredential } from "@/lib/wallet/schemas";
import { useWalletText } from "./wallet-text";

const HOUR = 3_600_000;
const expiries = [
  { value: "1h", ms: HOUR },
  { value: "1d", ms: 24 * HOUR },
  { value: "7d", ms: 7 * 24 * HOUR },
  { value: "custom", ms: 0 },
] as const;
type Expiry = (typeof expiries)[number]["value"];

/** `<input type="datetime-local">` wants local time without a zone. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * "Share a dossier": choose credentials, how long and how often the link opens, and a label
 * that only this wallet keeps; then the link and its QR code. See lib/wallet/dossier-shares.ts.
 */
export function ShareDossierDialog({
  identity,
  credentials,
  onClose,
}: {
  identity: HolderIdentity;
  credentials: StoredCredential[];
  onClose: () => void;
}) {
  const { t, locale } = useWalletText();
  const headingId = useId();
  const queryClient = useQueryClient();
  const own = credentials.filter((c) => decodeJwt(c.jwt)?.payload.sub === identity.did);
  const [selected, setSelected] = useState<Set<string>>(() => new Set(own.map((c) => c.id)));
  const [expiry, setExpiry] = useState<Expiry>("1d");
  const [custom, setCustom] = useState(() => localInputValue(new Date(Date.now() + 3 * 24 * HOUR)));
  const [label, setLabel] = useState("");
  const [maxViews, setMaxViews] = useState("5");
  const [errors, setErrors] = useState<Record<string, string>>({});

  const share = useMutation({
    mutationFn: createDossierShare,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.wallet.shares() }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Record<string, string> = {};
    const chosen = own.filter((c) => selected.has(c.id));
    if (chosen.length === 0) next.credentials = t.dossier.chooseOne;
    const now = Date.now();
    const expiresAt =
      expiry === "custom"
        ? new Date(custom)
        : new Date(now + expiries.find((e) => e.value === expiry)!.ms);
    if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() < now + 5 * 60_000) {
      next.expiry = t.dossier.tooSoon;
    } else if (expiresAt.getTime() > now + MAX_SHARE_DAYS * 24 * HOUR) {
      next.expiry = t.dossier.tooLong(MAX_SHARE_DAYS);
    }
    const views = Number(maxViews);
    if (!Number.isInteger(views) || views < 1 || views > MAX_SHARE_VIEWS) {
      next.maxViews = t.dossier.viewsRange(MAX_SHARE_VIEWS);
    }
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    share.mutate({
      identity,
      credentials: chosen,
      expiresAt,
      maxViews: views,
      label,
      origin: window.location.origin,
    });
  }

  return (
    <ModalDialog
      labelledBy={headingId}
      onClose={onClose}
      busy={share.isPending}
      maxWidth="w-[min(calc(100%-1rem),36rem)]"
      data-testid={testIds.dossier.shareDialog}
    >
      <div className="grid gap-4 p-4 sm:p-5">
        <div className="flex items-start justify-between gap-3">
          <h2 id={headingId} className="text-lg font-semibold">
            {share.data ? t.dossier.resultTitle : t.dossier.share}
          </h2>
          <Button variant="secondary" onClick={onClose} disabled={share.isPending}>
            {share.data ? t.dossier.done : t.dossier.cancel}
          </Button>
        </div>
        {share.data ? (
          <ShareResult share={share.data} />
        ) : (
          <form onSubmit={submit} noValidate className="grid gap-4">
            <p className="text-sm text-slate-600">{t.dossier.intro}</p>
            <fieldset
              className="grid gap-2"
              aria-describedby={errors.credentials ? `${headingId}-c` : undefined}
            >
              <legend className="text-sm font-medium text-slate-800">
                {t.dossier.credentials}
              </legend>
              {credentials.map((c) => {
                const mine = own.includes(c);
                return (
                  <label
                    key={c.id}
                    className={`flex items-start gap-3 rounded-md border border-slate-200 p-3 text-sm ${mine ? "" : "opacity-60"}`}
                  >
                    <input
                      type="checkbox"
                      className="mt-0.5 size-4"
                      checked={selected.has(c.id)}
                      disabled={!mine}
                      data-testid={testIds.dossier.shareCredential}
                      onChange={(e) => {
                        const next = new Set(selected);
                        if (e.target.checked) next.add(c.id);
                        else next.delete(c.id);
                        setSelected(next);
                      }}
                    />
                    <span className="min-w-0">
                      <span className="block font-medium text-slate-900">
                        {describeCredential(c.jwt, locale).title}
                      </span>
                      <span className="block break-words text-slate-600">
                        {c.issuerName}
                        {mine ? "" : t.dossier.previousKey}
                      </span>
                    </span>
                  </label>
                );
              })}
              {errors.credentials ? (
                <p id={`${headingId}-c`} className="text-sm text-red-700">
                  {errors.credentials}
                </p>
              ) : null}
            </fieldset>
            <fieldset className="grid gap-2">
              <legend className="text-sm font-medium text-slate-800">{t.dossier.worksFor}</legend>
              <div className="flex flex-wrap gap-2" data-testid={testIds.dossier.shareExpiry}>
                {expiries.map((e) => (
                  <label
                    key={e.value}
                    className="has-checked:border-brand-600 has-checked:bg-brand-50 flex min-h-10 items-center gap-2 rounded-md border border-slate-300 px-3 text-sm"
                  >
                    <input
                      type="radio"
                      name="expiry"
                      value={e.value}
                      checked={expiry === e.value}
                      onChange={() => setExpiry(e.value)}
                    />
                    {t.dossier.expiries[e.value]}
                  </label>
                ))}
              </div>
              {expiry === "custom" ? (
                <TextField
                  label={t.dossier.expiresAt}
                  type="datetime-local"
                  value={custom}
                  onChange={(e) => setCustom(e.target.value)}
                  error={errors.expiry}
                  data-testid={testIds.dossier.shareCustomExpiry}
                />
              ) : errors.expiry ? (
                <p className="text-sm text-red-700">{errors.expiry}</p>
              ) : null}
            </fieldset>
            <div className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
              <TextField
                label={t.dossier.whoFor}
                hint={t.dossier.whoForHint}
                placeholder={t.dossier.whoForPlaceholder}
                maxLength={200}
                value={label}
                onChange={(e) => setLabel(e.target.value)}
                data-testid={testIds.dossier.shareLabel}
              />
              <TextField
                label={t.dossier.opensAllowed}
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_SHARE_VIEWS}
                value={maxViews}
                onChange={(e) => setMaxViews(e.target.value)}
                error={errors.maxViews}
                data-testid={testIds.dossier.shareMaxViews}
              />
            </div>
            {share.error ? (
              <Alert
                tone="error"
                title={t.dossier.notShared}
                data-testid={testIds.dossier.shareError}
              >
                {share.error.message}
              </Alert>
            ) : null}
            <div>
              <Button
                type="submit"
                busy={share.isPending}
                data-testid={testIds.dossier.shareSubmit}
              >
                {t.dossier.create}
              </Button>
            </div>
          </form>
        )}
      </div>
    </ModalDialog>
  );
}

/** The link and its QR code; also shown again from the list of shares. */
export function ShareResult({ share }: { share: DossierShare }) {
  const { t, formatDateTime } = useWalletText();
  const qr = useQuery({
    queryKey: queryKeys.wallet.dossierQr(share.id),
    queryFn: () => linkQr(share.link),
    staleTime: Infinity,
    retry: false,
  });
  return (
    <div className="grid gap-3">
      <p className="text-sm break-words text-slate-700">
        {t.dossier.resultBody(share.maxViews, formatDateTime(share.expiresAt))}
        {share.label ? (
          <>
            {t.dossier.toLabel}
            <strong>{share.label}</strong>
          </>
        ) : (
          t.dossier.forWhom
        )}
        .
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          className="min-w-0 flex-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs break-all text-slate-900"
          data-testid={testIds.dossier.link}
        >
          {share.link}
        </code>
        <CopyButton value={share.link} label={t.dossier.copyLink} text={t.copy} />
      </div>
      {qr.isPending ? (
        <p role="status" className="py-10 text-center text-sm text-slate-600">
          {t.dossier.drawing}
        </p>
      ) : qr.isError ? (
        <Alert tone="error" title={t.dossier.noQr}>
          {qr.error.message}
        </Alert>
      ) : (
        <figure className="grid gap-1">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={qr.data.dataUrl}
            alt={t.dossier.qrAlt}
            width={296}
            height={296}
            data-testid={testIds.dossier.qr}
            data-qr-version={qr.data.version}
            className="mx-auto block h-auto w-full max-w-[296px] [image-rendering:pixelated]"
          />
          <figcaption className="text-center text-xs text-slate-500">
            {t.dossier.qrCaption(qr.data.version)}
          </figcaption>
        </figure>
      )}
    </div>
  );
}
