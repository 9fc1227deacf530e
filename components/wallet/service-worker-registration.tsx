"use client";

import { useEffect } from "react";

/**
 * Registers public/sw.js for /wallet in production builds, so the wallet opens offline once it has
 * been loaded (see the worker for what it caches). In development it removes any worker a
 * production build left behind, so Next's dev server is never served from a cache.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    if (process.env.NODE_ENV !== "production") {
      void navigator.serviceWorker
        .getRegistrations()
        .then((all) =>
          Promise.all(
            all
              .filter((r) => new URL(r.scope).pathname.startsWith("/wallet"))
              .map((r) => r.unregister()),
          ),
        )
        .catch(() => undefined);
      return;
    }
    navigator.serviceWorker
      .register("/sw.js", { scope: "/wallet" })
      .then(async () => {
        const ready = await navigator.serviceWorker.ready;
        // Assets this page loaded before the worker existed: hand them over to be cached.
        const urls = performance
          .getEntriesByType("resource")
          .map((e) => e.name)
          .filter((name) => new URL(name).pathname.startsWith("/_next/static/"));
        ready.active?.postMessage({ type: "vitae-cache-assets", urls });
      })
      .catch(() => {
        // No worker (private mode, blocked): the wallet still works online.
      });
  }, []);
  return null;
}
