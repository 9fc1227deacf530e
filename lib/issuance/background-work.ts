import "server-only";
import { getServices } from "./services";

let started = false;

/**
 * Starts the anchoring worker's sweep: on start it picks up whatever a previous run left pending
 * (list versions to anchor, status changes to batch), then keeps retrying and re-signing lists;
 * and the bulk worker, which resumes unfinished bulk issuance jobs.
 */
export async function startBackgroundWork(): Promise<void> {
  if (started) return;
  started = true;
  const svc = await getServices();
  svc.anchoring.start();
  // Bulk jobs a previous run left unfinished carry on where they stopped.
  svc.bulk.start();
}
