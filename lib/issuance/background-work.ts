import "server-only";
import { findIssuer } from "./authenticate-issuer";
import { getServices } from "./services";
import { anchorAllPending } from "./status-lists";

const RETRY_INTERVAL_MS = 15_000;
let started = false;

/**
 * A chain outage leaves new status list versions pending; this retries them until they are
 * anchored. (The fuller outbox with batching and backoff arrives with the ledger issue.)
 */
export async function startBackgroundWork(): Promise<void> {
  if (started) return;
  started = true;
  const svc = await getServices();
  const sweep = async () => {
    try {
      await anchorAllPending(svc, (slug) => findIssuer(svc, slug));
    } catch (err) {
      console.warn(
        `[vitae] anchoring sweep failed: ${err instanceof Error ? err.message : "unknown"}`,
      );
    }
  };
  await sweep();
  setInterval(() => void sweep(), RETRY_INTERVAL_MS).unref();
}
