/**
 * One GET for the verifier's outside inputs (DID documents, status lists), bounded in time and
 * size. The timeout is raced as well as passed as a signal, so an injected `fetch` that ignores
 * signals still cannot hang a verification; the size cap is enforced while streaming, so a
 * hostile server cannot make a browser buffer gigabytes.
 */

export const FETCH_TIMEOUT_MS = 5_000;

export type BoundedResponse = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

export type FetchBoundedOptions = { timeoutMs?: number; maxBytes: number; accept: string };

async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!res.body) {
    const whole = new Uint8Array(await res.arrayBuffer());
    return whole.length > maxBytes ? null : whole;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export async function fetchBounded(
  fetchFn: typeof globalThis.fetch,
  url: string,
  { timeoutMs = FETCH_TIMEOUT_MS, maxBytes, accept }: FetchBoundedOptions,
): Promise<BoundedResponse> {
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = new Promise<never>((_, reject) => {
    signal.addEventListener("abort", () => reject(new Error(`no answer within ${timeoutMs} ms`)), {
      once: true,
    });
  });
  timedOut.catch(() => undefined);
  try {
    const res = await Promise.race([
      fetchFn(url, { signal, headers: { accept }, credentials: "omit" }),
      timedOut,
    ]);
    if (!res.ok) return { ok: false, message: `${url} answered HTTP ${res.status}` };
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (declared > maxBytes)
      return { ok: false, message: `${url} is larger than ${maxBytes} bytes` };
    const bytes = await Promise.race([readCapped(res, maxBytes), timedOut]);
    if (!bytes) return { ok: false, message: `${url} is larger than ${maxBytes} bytes` };
    return { ok: true, bytes };
  } catch (err) {
    return { ok: false, message: `${url} could not be fetched: ${(err as Error).message}` };
  }
}
