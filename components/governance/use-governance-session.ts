import { useCallback, useSyncExternalStore } from "react";

/**
 * The governance key of the signed-in authority, kept in sessionStorage: a reload keeps the
 * console open, closing the tab forgets the key. Same pattern as the issuer console's session;
 * `undefined` until the browser's storage has been read, so nothing flashes during hydration.
 */

const STORAGE_KEY = "vitae.governance.key";
const listeners = new Set<() => void>();
let fallback: string | null = null;

function subscribe(onChange: () => void) {
  listeners.add(onChange);
  window.addEventListener("storage", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onChange);
  };
}

function read(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY) ?? fallback;
  } catch {
    return fallback;
  }
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

export function useGovernanceSession() {
  const key = useSyncExternalStore<string | null | undefined>(subscribe, read, () => undefined);
  const signIn = useCallback((next: string) => write(next), []);
  const signOut = useCallback(() => write(null), []);
  return { key, ready: key !== undefined, signIn, signOut };
}
