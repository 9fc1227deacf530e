import { fetchBounded } from "./fetch-bounded";
import { parseJson } from "./parse-json";
import { credentialCorrectionSchema, type CredentialCorrection } from "./schemas";

/**
 * Reads where a credential sits in a chain of corrections from the Vitae instance that issued it
 * (`GET {origin}/api/v1/credentials/{id}/correction`, the origin of its status list). Informative
 * only: it can name the correction that replaced a revoked credential, but never makes one
 * revoked or valid; the status list and its ledger anchor decide that. A credential from an
 * issuer that is not a Vitae instance has nothing to read; an answer that cannot be read is
 * "unavailable", and the caller carries on without it.
 */

export type CorrectionReading =
  | { kind: "read"; correction: CredentialCorrection }
  | { kind: "not-applicable" }
  | { kind: "unavailable"; message: string };

export type CorrectionSource = {
  id: string | undefined;
  vc: { credentialStatus?: Record<string, unknown> | Record<string, unknown>[] | undefined };
};

const STATUS_LIST_PATH = "/api/v1/status-lists/";

/** The endpoint for a credential, or undefined when it was not issued by a Vitae instance. */
export function correctionUrl(credential: CorrectionSource): string | undefined {
  if (!credential.id) return undefined;
  const entries = [credential.vc.credentialStatus ?? []].flat();
  for (const entry of entries) {
    const list = entry.statusListCredential;
    if (typeof list !== "string") continue;
    let url: URL;
    try {
      url = new URL(list);
    } catch {
      continue;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") continue;
    const at = url.pathname.indexOf(STATUS_LIST_PATH);
    if (at < 0) continue;
    const base = `${url.origin}${url.pathname.slice(0, at)}`;
    return `${base}/api/v1/credentials/${encodeURIComponent(credential.id)}/correction`;
  }
  return undefined;
}

export async function readCorrection(
  credential: CorrectionSource,
  { fetch }: { fetch: typeof globalThis.fetch },
): Promise<CorrectionReading> {
  const url = correctionUrl(credential);
  if (!url) return { kind: "not-applicable" };
  const res = await fetchBounded(fetch, url, { maxBytes: 4096, accept: "application/json" });
  if (!res.ok) return { kind: "unavailable", message: res.message };
  const json = parseJson(new TextDecoder().decode(res.bytes));
  const parsed = json.ok ? credentialCorrectionSchema.safeParse(json.value) : undefined;
  if (!parsed?.success) {
    return { kind: "unavailable", message: "The correction answer is not in the expected form." };
  }
  // An answer about another credential is no answer about this one.
  if (parsed.data.credentialId !== credential.id) {
    return { kind: "unavailable", message: "The correction answer is about another credential." };
  }
  return { kind: "read", correction: parsed.data };
}
