/*
 * Vitae wallet service worker (scope /wallet, registered only by production builds).
 *
 * It keeps the wallet usable offline once it has been opened: the wallet pages (network first,
 * the last good copy when offline) and Next's static assets (content-hashed, so cache first).
 * It never caches API responses, status lists, DID documents or RSC payloads: a credential's
 * status must come from the issuer and the ledger or be "unknown", never from a stale copy here.
 * Bump VERSION to drop every older cache on activation.
 */
const VERSION = "v1";
const PREFIX = "vitae-wallet-";
const PAGES = `${PREFIX}pages-${VERSION}`;
const ASSETS = `${PREFIX}assets-${VERSION}`;
const SHELL = "/wallet";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const pages = await caches.open(PAGES);
      const assets = await caches.open(ASSETS);
      const res = await fetch(SHELL, { cache: "no-store", credentials: "same-origin" });
      if (res.ok) {
        const html = await res.clone().text();
        await pages.put(SHELL, res);
        // The shell's own scripts and styles, so the first offline open has them.
        const urls = [...new Set(html.match(/\/_next\/static\/[^"'\s)\\]+/g) ?? [])];
        await Promise.all(urls.map((url) => assets.add(url).catch(() => undefined)));
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([PAGES, ASSETS]);
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && !keep.has(key)) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

/** The page tells us which assets it loaded before this worker controlled it. */
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "vitae-cache-assets" || !Array.isArray(data.urls)) return;
  event.waitUntil(
    caches.open(ASSETS).then((assets) =>
      Promise.all(
        data.urls
          .filter((u) => typeof u === "string" && isStaticAsset(new URL(u, self.location.origin)))
          .slice(0, 500)
          .map((u) =>
            assets.match(u).then((hit) => (hit ? undefined : assets.add(u).catch(() => undefined))),
          ),
      ),
    ),
  );
});

function isStaticAsset(url) {
  return url.origin === self.location.origin && url.pathname.startsWith("/_next/static/");
}

function isWalletPage(request, url) {
  return (
    request.mode === "navigate" &&
    url.origin === self.location.origin &&
    (url.pathname === "/wallet" || url.pathname.startsWith("/wallet/"))
  );
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Never API answers, never RSC payloads (client navigations ask for them with these).
  if (url.pathname.startsWith("/api/")) return;
  if (request.headers.get("RSC") || url.searchParams.has("_rsc")) return;

  if (isStaticAsset(url)) {
    event.respondWith(
      caches.open(ASSETS).then(async (assets) => {
        const hit = await assets.match(request);
        if (hit) return hit;
        const res = await fetch(request);
        if (res.ok) await assets.put(request, res.clone());
        return res;
      }),
    );
    return;
  }

  if (isWalletPage(request, url)) {
    event.respondWith(
      (async () => {
        const pages = await caches.open(PAGES);
        const key = url.pathname;
        try {
          const res = await fetch(request);
          if (res.ok && res.type === "basic") await pages.put(key, res.clone());
          return res;
        } catch {
          const hit = await pages.match(key);
          if (hit) return hit;
          return new Response(
            `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Offline</title><body style="font-family:system-ui;padding:2rem;max-width:36rem"><h1>You are offline</h1><p>This page has not been opened on this device yet. <a href="/wallet">Open your wallet</a>: it works offline once loaded.</p>`,
            { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
          );
        }
      })(),
    );
  }
});
