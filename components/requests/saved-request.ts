"use client";

import { useMemo, useSyncExternalStore } from "react";
import { createdRequestSchema, type CreatedRequest } from "@/lib/credentials/policy/schemas";

/**
 * The request this tab is watching, kept in sessionStorage so a reload resumes watching it. Only
 * this tab sees it (sessionStorage is per tab) and it goes when the tab closes; the read secret
 * never leaves the browser except to read this request's answer.
 */

const KEY = "vitae.verifier-request";
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null; // storage turned off: the page simply does not resume
  }
}

function write(value: string | null): void {
  try {
    if (value === null) window.sessionStorage.removeItem(KEY);
    else window.sessionStorage.setItem(KEY, value);
  } catch {
    // As above: without storage the watch lasts as long as the page.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function parse(raw: string | null): CreatedRequest | null {
  if (raw === null) return null;
  try {
    const parsed = createdRequestSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The saved request (null on the server and when there is none), and setters. */
export function useSavedRequest(): [
  CreatedRequest | null,
  (created: CreatedRequest | null) => void,
] {
  const raw = useSyncExternalStore(subscribe, read, () => null);
  const created = useMemo(() => parse(raw), [raw]);
  return [created, (next) => write(next === null ? null : JSON.stringify(next))];
}
