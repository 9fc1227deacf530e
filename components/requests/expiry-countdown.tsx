"use client";

import { useNow } from "@/components/verification/use-now";

/** "Expires in 9:41", ticking each second; the parent decides what an expired request looks like. */
export function ExpiryCountdown({
  expiresAt,
  ...rest
}: {
  expiresAt: string;
  "data-testid"?: string;
}) {
  const now = useNow(1000);
  const left = Math.max(0, Math.floor((Date.parse(expiresAt) - now.getTime()) / 1000));
  const minutes = Math.floor(left / 60);
  const seconds = String(left % 60).padStart(2, "0");
  return (
    <span {...rest}>
      {left > 0 ? (
        <>
          Expires in{" "}
          <time dateTime={`PT${left}S`} className="font-semibold tabular-nums">
            {minutes}:{seconds}
          </time>
        </>
      ) : (
        "Expired"
      )}
    </span>
  );
}
