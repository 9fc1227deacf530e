"use client";

import { useQuery } from "@tanstack/react-query";
import { toDataURL } from "qrcode";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";

/** The short wallet link as a QR: a few dozen bytes, so a low version that scans from across a desk. */
export function RequestQr({ url }: { url: string }) {
  const qr = useQuery({
    queryKey: queryKeys.requests.qr(url),
    queryFn: () => toDataURL(url, { errorCorrectionLevel: "M", margin: 2, width: 200 }),
    staleTime: Infinity,
    retry: false,
  });
  if (qr.isError) return <p className="text-sm text-red-700">The QR code could not be drawn.</p>;
  return qr.data ? (
    // eslint-disable-next-line @next/next/no-img-element -- a data URL; nothing to optimise
    <img
      src={qr.data}
      width={200}
      height={200}
      alt="QR code of the request link, for the doctor's phone"
      data-testid={testIds.requests.qr}
      className="rounded-md border border-slate-200"
    />
  ) : (
    <div aria-hidden className="size-[200px] animate-pulse rounded-md bg-slate-100" />
  );
}
