"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { queryKeys } from "@/lib/query-keys";
import type { ShareState } from "@/lib/shares/schemas";
import { testIds } from "@/lib/test-ids";
import { fetchShareViews, revokeDossierShare, shareLink } from "@/lib/wallet/dossier-shares";
import type { WalletShare } from "@/lib/wallet/schemas";
import { credentialTitleFromEnglish } from "@/lib/i18n/credential-labels";
import { ShareResult } from "./share-dossier-dialog";
import { useWalletText } from "./wallet-text";

const tones: Record<ShareState, BadgeTone> = {
  active: "success",
  expired: "neutral",
  revoked: "danger",
  exhausted: "warning",
};

/** What the wallet knows without asking: revoked here, or past its expiry. */
function localState(share: WalletShare, now: Date): ShareState {
  if (share.revokedAt) return "revoked";
  return new Date(share.expiresAt) <= now ? "expired" : "active";
}

/** The doctor's shared dossiers, each with its state, its opens and a way to revoke it. */
export function DossierShareList({ shares }: { shares: WalletShare[] }) {
  return (
    <ul className="grid gap-3" data-testid={testIds.dossier.shareList}>
      {shares.map((share) => (
        <ShareRow key={share.id} share={share} />
      ))}
    </ul>
  );
}

function ShareRow({ share }: { share: WalletShare }) {
  const { t, locale, formatDateTime } = useWalletText();
  const when = { format: (date: Date) => formatDateTime(date.toISOString()) };
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [showing, setShowing] = useState(false);
  const views = useQuery({
    queryKey: queryKeys.wallet.shareViews(share.id),
    queryFn: () => fetchShareViews(share),
    refetchInterval: 30_000,
  });
  const state = views.data?.state ?? localState(share, new Date());
  const titles = share.credentials
    .map((c) => credentialTitleFromEnglish(locale, c.title))
    .join(", ");

  return (
    <li
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid={testIds.dossier.shareRow}
      data-share-id={share.id}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium break-words text-slate-900">
            {share.label || t.dossier.noLabel}
          </p>
          <p className="text-sm break-words text-slate-600">{titles}</p>
        </div>
        <span data-testid={testIds.dossier.shareState} data-state={state}>
          <Badge tone={tones[state]}>{t.dossier.states[state]}</Badge>
        </span>
      </div>
      <dl className="mt-2 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">{t.dossier.shared}</dt>
        <dd>{when.format(new Date(share.createdAt))}</dd>
        <dt className="text-slate-600">
          {state === "revoked" ? t.dossier.revoked : t.dossier.expires}
        </dt>
        <dd>
          {when.format(
            new Date(
              state === "revoked"
                ? (share.revokedAt ?? views.data?.revokedAt ?? share.expiresAt)
                : share.expiresAt,
            ),
          )}
        </dd>
        <dt className="text-slate-600">{t.dossier.opened}</dt>
        <dd data-testid={testIds.dossier.shareViews} data-views={views.data?.views ?? ""}>
          {views.data
            ? t.dossier.openedTimes(views.data.views, views.data.maxViews)
            : views.isError
              ? t.dossier.viewsFailed
              : "…"}
        </dd>
      </dl>
      {views.data?.opens.length ? (
        <details className="mt-2 text-sm">
          <summary className="text-brand-700 cursor-pointer">{t.dossier.opens}</summary>
          <ol className="mt-1 grid gap-1 pl-1" data-testid={testIds.dossier.shareOpens}>
            {views.data.opens.map((open, i) => (
              <li key={i} className="text-slate-700">
                <time dateTime={open.at}>{when.format(new Date(open.at))}</time> · {open.client}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {state === "active" ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setShowing(true)}>
            {t.dossier.showLink}
          </Button>
          <Button
            variant="danger"
            onClick={() => setConfirming(true)}
            data-testid={testIds.dossier.shareRevoke}
          >
            {t.dossier.revoke}
          </Button>
        </div>
      ) : null}
      {showing ? <ShowLinkDialog share={share} onClose={() => setShowing(false)} /> : null}
      {confirming ? (
        <RevokeDialog
          share={share}
          onClose={() => setConfirming(false)}
          onRevoked={() => {
            setConfirming(false);
            void queryClient.invalidateQueries({ queryKey: queryKeys.wallet.shares() });
          }}
        />
      ) : null}
    </li>
  );
}

function ShowLinkDialog({ share, onClose }: { share: WalletShare; onClose: () => void }) {
  const { t } = useWalletText();
  const headingId = useId();
  return (
    <ModalDialog labelledBy={headingId} onClose={onClose} maxWidth="w-[min(calc(100%-1rem),36rem)]">
      <div className="grid gap-4 p-4 sm:p-5">
        <div className="flex items-start justify-between gap-3">
          <h2 id={headingId} className="text-lg font-semibold">
            {share.label || t.dossier.linkTitle}
          </h2>
          <Button variant="secondary" onClick={onClose}>
            {t.dossier.close}
          </Button>
        </div>
        <ShareResult share={{ ...share, link: shareLink(share) }} />
      </div>
    </ModalDialog>
  );
}

function RevokeDialog({
  share,
  onClose,
  onRevoked,
}: {
  share: WalletShare;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const { t } = useWalletText();
  const headingId = useId();
  const revoke = useMutation({ mutationFn: () => revokeDossierShare(share), onSuccess: onRevoked });
  return (
    <ModalDialog
      labelledBy={headingId}
      onClose={onClose}
      busy={revoke.isPending}
      maxWidth="w-[min(calc(100%-1rem),28rem)]"
    >
      <div className="grid gap-3 p-4 sm:p-5">
        <h2 id={headingId} className="text-lg font-semibold">
          {t.dossier.revokeTitle}
        </h2>
        <p className="text-sm break-words text-slate-700">{t.dossier.revokeBody(share.label)}</p>
        {revoke.error ? (
          <Alert tone="error" title={t.dossier.notRevoked}>
            {revoke.error.message}
          </Alert>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button
            variant="danger"
            busy={revoke.isPending}
            onClick={() => revoke.mutate()}
            data-testid={testIds.dossier.shareRevokeConfirm}
          >
            {t.dossier.revokeLink}
          </Button>
          <Button variant="secondary" onClick={onClose} disabled={revoke.isPending}>
            {t.dossier.keep}
          </Button>
        </div>
      </div>
    </ModalDialog>
  );
}
