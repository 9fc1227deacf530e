import { useCallback, useMemo, useSyncExternalStore } from "react";
import { z } from "zod";
import { issuerSlugSchema } from "@/lib/issuance/schemas";
import type { IssuerSession } from "./issuer-api";

/**
 * The signed-in issuer, kept in sessionStorage so a reload keeps the console open while closing
 * the tab forgets the API key. This is the walking-skeleton sign-in: staff accounts with
 * passwords replace it later, and with them the key leaves the browser.
 *
 * sessionStorage is an external store: useSyncExternalStore reads it without a hydration
 * mismatch. On the server (and during hydration) the snapshot is `undefined`, "not known yet",
 * so the sign-in panel does not flash before a stored session is restored.
 */

const STORAGE_KEY = "vitae.issuer.session";

const storedSessionSchema = z.object({
  slug: issuerSlugSchema,
  key: z.string().min(1).max(512),
});

const listeners = new Set<() => void>();
// Where the session lives when sessionStorage refuses writes (storage disabled, quota): the
// console then still works until the next reload.
let fallback: string | null = null;

function subscribe(onChange: () => void) {
  listeners.add(onChange);
  window.addEventListener("storage", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onChange);
  };
}

function readSnapshot(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY) ?? fallback;
  } catch {
    return fallback;
  }
}

function readServerSnapshot(): undefined {
  return undefined;
}

function write(value: string | null) {
  fallback = null;
  try {
    if (value === null) window.sessionStorage.removeItem(STORAGE_KEY);
    else window.sessionStorage.setItem(STORAGE_KEY, value);
  } catch {
    fallback = value;
  }
  for (const notify of listeners) notify();
}

function parseSession(raw: string | null): IssuerSession | null {
  if (raw === null) return null;
  try {
    const parsed = storedSessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function useIssuerSession() {
  const raw = useSyncExternalStore<string | null | undefined>(
    subscribe,
    readSnapshot,
    readServerSnapshot,
  );
  const session = useMemo(() => (raw === undefined ? undefined : parseSession(raw)), [raw]);
  const signIn = useCallback((next: IssuerSession) => write(JSON.stringify(next)), []);
  const signOut = useCallback(() => write(null), []);
  return {
    /** `undefined` until the browser's storage has been read. */
    session,
    ready: session !== undefined,
    signIn,
    signOut,
  };
}
