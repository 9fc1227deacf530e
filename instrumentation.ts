/**
 * Runs once when the server starts: opens the database (migrating it), seeds the demo issuers,
 * and starts the loop that anchors any status list version a chain outage left pending.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startBackgroundWork } = await import("./lib/issuance/background-work");
  await startBackgroundWork();
}
