"use client";

import { ModalDialog } from "@/components/ui/modal-dialog";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import { credentialQr } from "@/lib/wallet/credential-qr";
import { useWalletText } from "./wallet-text";

/**
 * A modal `<dialog>`: the browser makes the page behind it inert, moves focus in and closes it on
 * Escape. Mount it to open it, unmount it to close it; focus goes back to whatever opened it.
 */
export function CredentialQrDialog({
  jwt,
  title,
  issuerName,
  onClose,
}: {
  jwt: string;
  title: string;
  issuerName: string;
  onClose: () => void;
}) {
  const { t } = useWalletText();
  const headingId = useId();
  const qr = useQuery({
    queryKey: queryKeys.wallet.qrCode(jwt),
    queryFn: () => credentialQr(jwt),
    staleTime: Infinity,
    retry: false,
  });

  return (
    <ModalDialog
      labelledBy={headingId}
      onClose={onClose}
      maxWidth="w-[min(calc(100%-1rem),34rem)]"
      data-testid={testIds.wallet.qrDialog}
    >
      <div className="grid gap-3 p-4 sm:p-5">
        <div className="flex items-start justify-between gap-3">
          <h2 id={headingId} className="text-lg font-semibold">
            {t.qr.title(title)}
          </h2>
          <Button variant="secondary" onClick={onClose}>
            {t.qr.close}
          </Button>
        </div>
        <p className="text-sm text-slate-600">{t.qr.body}</p>
        {qr.isPending ? (
          <p role="status" className="py-16 text-center text-sm text-slate-600">
            {t.qr.drawing}
          </p>
        ) : qr.isError ? (
          <Alert tone="error" title={t.qr.failed}>
            {qr.error.message}
          </Alert>
        ) : (
          <figure className="grid gap-2">
            {/* A data: URL drawn in the browser: next/image has nothing to optimise. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img
              src={qr.data.dataUrl}
              width={480}
              height={480}
              alt={t.qr.alt(title, issuerName)}
              data-testid={testIds.wallet.qrImage}
              className="mx-auto block h-auto w-full max-w-[480px] [image-rendering:pixelated]"
            />
            <figcaption className="text-center text-xs text-slate-500">
              {t.qr.caption(qr.data.version, qr.data.level, qr.data.compact)}
            </figcaption>
          </figure>
        )}
      </div>
    </ModalDialog>
  );
}
