import "server-only";
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import { decodeCredential } from "@/lib/credentials/decode-credential";
import { bitstringStatusListEntrySchema } from "@/lib/credentials/schemas";
import {
  statusChanges,
  statusListVersions,
  statusLists,
  statusSubscriptionSlots,
  statusSubscriptions,
  webhookDeliveries,
} from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { verifyOnServer } from "./server-verifier";
import type { IssuanceServices } from "./services";
import { statusListUrl } from "./status-lists";

/**
 * Status-change subscriptions (issue #6): a verifier that checked one of this server's credentials
 * can ask to be notified at a webhook when it is revoked, suspended or reinstated.
 *
 * - Only credentials whose signature verifies and whose status lists live on this server.
 * - A notification says which credential id changed and to what, with the list version and its
 *   anchor: never a name or any other claim. It is signed with the subscription's secret
 *   (`Vitae-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`).
 * - It is sent only once the change is anchored on the ledger, so what the subscriber is told is
 *   what any verifier will see. Deliveries are an outbox, retried with backoff.
 */

export const SIGNATURE_HEADER = "Vitae-Signature";
const MAX_ATTEMPTS = 10;
const DELIVERY_TIMEOUT_MS = 5_000;
const DELIVERY_BATCH = 50;

export type Subscription = {
  id: string;
  credentialId: string;
  webhookUrl: string;
  /** Shown once: the subscriber checks each notification's signature with it. */
  secret: string;
  lists: Array<{ listId: string; statusPurpose: string }>;
};

/** A webhook must be https; plain http only to loopback, and only where the server allows it. */
function checkWebhookUrl(raw: string, allowLoopbackHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("VALIDATION_FAILED", "The webhook URL is not a URL.", {
      webhookUrl: ["must be an absolute https URL"],
    });
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  const ok =
    (url.protocol === "https:" && !loopback) ||
    (allowLoopbackHttp && loopback && /^https?:$/.test(url.protocol));
  if (!ok || url.username || url.password) {
    throw new AppError("VALIDATION_FAILED", "The webhook URL is not accepted.", {
      webhookUrl: ["must be an https URL on a public host, without credentials"],
    });
  }
  return url.href;
}

export async function subscribeToStatus(
  svc: IssuanceServices,
  input: { credential: string; webhookUrl: string },
): Promise<Subscription> {
  const webhookUrl = checkWebhookUrl(input.webhookUrl, svc.webhooks.allowLoopbackHttp);
  const decoded = decodeCredential(input.credential.trim());
  if (!decoded.ok)
    throw new AppError("VALIDATION_FAILED", decoded.message, { credential: [decoded.code] });
  const result = await verifyOnServer(svc, input.credential.trim());
  const signature = result.checks.find((c) => c.id === "signature");
  if (signature?.ok !== true) {
    throw new AppError(
      "VALIDATION_FAILED",
      "Only a credential whose signature verifies can be followed.",
      {
        credential: [signature?.code ?? "SIGNATURE_INVALID"],
      },
    );
  }
  const { credential } = decoded;
  const credentialId = credential.id;
  if (!credentialId) {
    throw new AppError("VALIDATION_FAILED", "The credential has no id to follow.", {
      credential: ["no id"],
    });
  }

  const raw = credential.vc.credentialStatus;
  const entries = (Array.isArray(raw) ? raw : raw ? [raw] : [])
    .map((e) => bitstringStatusListEntrySchema.safeParse(e))
    .filter((p) => p.success)
    .map((p) => p.data);
  const prefix = `${svc.publicUrl}/api/v1/status-lists/`;
  const slots = entries
    .filter((e) => e.statusListCredential.startsWith(prefix))
    .map((e) => ({
      listId: e.statusListCredential.slice(prefix.length),
      statusIndex: Number(e.statusListIndex),
      statusPurpose: e.statusPurpose,
    }));
  const known = slots.length
    ? await svc.db
        .select({ id: statusLists.id })
        .from(statusLists)
        .where(
          inArray(
            statusLists.id,
            slots.map((s) => s.listId),
          ),
        )
    : [];
  const usable = slots.filter((s) => known.some((k) => k.id === s.listId));
  if (usable.length === 0) {
    throw new AppError(
      "VALIDATION_FAILED",
      "This credential's status is not kept on this server, so its changes cannot be followed here.",
      { credential: ["no status list on this server"] },
    );
  }

  const id = randomUUID();
  const secret = randomBytes(32).toString("base64url");
  await svc.db.transaction(async (tx) => {
    await tx.insert(statusSubscriptions).values({ id, credentialId, webhookUrl, secret });
    await tx
      .insert(statusSubscriptionSlots)
      .values(
        usable.map((s) => ({ subscriptionId: id, listId: s.listId, statusIndex: s.statusIndex })),
      )
      .onConflictDoNothing();
  });
  return {
    id,
    credentialId,
    webhookUrl,
    secret,
    lists: usable.map((s) => ({ listId: s.listId, statusPurpose: s.statusPurpose })),
  };
}

/** Ends a subscription; the caller proves it holds the subscription's secret. */
export async function cancelSubscription(svc: IssuanceServices, id: string, secret: string) {
  const [row] = await svc.db
    .select()
    .from(statusSubscriptions)
    .where(eq(statusSubscriptions.id, id));
  const given = Buffer.from(secret);
  const expected = Buffer.from(row?.secret ?? "");
  if (
    !row ||
    row.cancelledAt ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  ) {
    throw new AppError("NOT_FOUND", "No such subscription, or the secret does not match.");
  }
  await svc.db
    .update(statusSubscriptions)
    .set({ cancelledAt: new Date() })
    .where(eq(statusSubscriptions.id, id));
}

/**
 * Called once version `version` of `listId` is anchored: queues one notification per subscribed
 * bit the version changed (its final value, if a bit changed twice in the batch).
 */
export async function enqueueStatusNotifications(
  svc: IssuanceServices,
  listId: string,
  version: number,
): Promise<number> {
  const rows = await svc.db
    .select({
      change: statusChanges,
      subscription: statusSubscriptions,
      list: statusLists,
      version: statusListVersions,
    })
    .from(statusChanges)
    .innerJoin(
      statusSubscriptionSlots,
      and(
        eq(statusSubscriptionSlots.listId, statusChanges.listId),
        eq(statusSubscriptionSlots.statusIndex, statusChanges.statusIndex),
      ),
    )
    .innerJoin(
      statusSubscriptions,
      eq(statusSubscriptions.id, statusSubscriptionSlots.subscriptionId),
    )
    .innerJoin(statusLists, eq(statusLists.id, statusChanges.listId))
    .innerJoin(
      statusListVersions,
      and(
        eq(statusListVersions.listId, statusChanges.listId),
        eq(statusListVersions.version, version),
      ),
    )
    .where(
      and(
        eq(statusChanges.listId, listId),
        eq(statusChanges.version, version),
        isNull(statusSubscriptions.cancelledAt),
      ),
    )
    .orderBy(asc(statusChanges.id));
  // The last change of each subscribed bit in this version is its new value.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(`${row.subscription.id}:${row.change.statusIndex}`, row);
  const deliveries = [...latest.values()].map(({ change, subscription, list, version: v }) => ({
    subscriptionId: subscription.id,
    payload: {
      type: "vitae.credential.status-changed",
      subscriptionId: subscription.id,
      credentialId: subscription.credentialId,
      statusPurpose: list.purpose,
      status: change.value ? (list.purpose === "revocation" ? "revoked" : "suspended") : "active",
      statusList: statusListUrl(svc, list.id),
      statusListVersion: v.version,
      anchorTx: v.anchorTx,
      anchoredAt: v.anchoredAt?.toISOString() ?? null,
    },
  }));
  if (deliveries.length > 0) await svc.db.insert(webhookDeliveries).values(deliveries);
  return deliveries.length;
}

export function signNotification(secret: string, body: string, timestamp: number): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** Sends every due notification once; failures are retried later with backoff. */
export async function deliverDueNotifications(
  svc: IssuanceServices,
  fetchImpl: typeof fetch = fetch,
): Promise<{ delivered: number; failed: number }> {
  const now = new Date();
  const due = await svc.db
    .select({ delivery: webhookDeliveries, subscription: statusSubscriptions })
    .from(webhookDeliveries)
    .innerJoin(statusSubscriptions, eq(statusSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(
      and(
        isNull(webhookDeliveries.deliveredAt),
        isNull(webhookDeliveries.abandonedAt),
        lte(webhookDeliveries.nextAttemptAt, now),
      ),
    )
    .orderBy(asc(webhookDeliveries.id))
    .limit(DELIVERY_BATCH);
  let delivered = 0;
  let failed = 0;
  await Promise.all(
    due.map(async ({ delivery, subscription }) => {
      const body = JSON.stringify({ ...delivery.payload, sentAt: new Date().toISOString() });
      let error: string | undefined;
      try {
        const res = await fetchImpl(subscription.webhookUrl, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            [SIGNATURE_HEADER]: signNotification(
              subscription.secret,
              body,
              Math.floor(Date.now() / 1000),
            ),
          },
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        });
        if (res.status < 200 || res.status >= 300) error = `the webhook answered ${res.status}`;
      } catch (err) {
        error = `the webhook could not be reached (${err instanceof Error ? err.name : "error"})`;
      }
      if (!error) {
        delivered++;
        await svc.db
          .update(webhookDeliveries)
          .set({ deliveredAt: new Date(), attempts: delivery.attempts + 1, lastError: null })
          .where(eq(webhookDeliveries.id, delivery.id));
        return;
      }
      failed++;
      const attempts = delivery.attempts + 1;
      const delayMs = Math.min(1_000 * 2 ** attempts, 3_600_000);
      await svc.db
        .update(webhookDeliveries)
        .set({
          attempts,
          lastError: error,
          nextAttemptAt: new Date(Date.now() + delayMs),
          abandonedAt: attempts >= MAX_ATTEMPTS ? new Date() : null,
        })
        .where(eq(webhookDeliveries.id, delivery.id));
    }),
  );
  return { delivered, failed };
}
