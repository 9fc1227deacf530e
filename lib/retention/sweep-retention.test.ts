import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMemoryDatabase, type Db, type DbHandle } from "@/lib/db/client";
import { shareViews, shares, verifierRequests } from "@/lib/db/schema";
import { createShare } from "@/lib/shares/create-share";
import { openShare } from "@/lib/shares/open-share";
import { readShareViews } from "@/lib/shares/read-share-views";
import { sweepRetention } from "./sweep-retention";

/**
 * Retention on a real PGlite with a fixed clock: a share's ciphertext goes when it can no longer
 * be opened, its row and view log 30 days after expiry; a verifier request and its answer 7 days
 * after it was answered (or declined) or expired. Each step is checked right before and right
 * after its deadline, so an off-by-a-day rule fails.
 */

let handle: DbHandle;
let db: Db;
beforeAll(async () => {
  handle = await openMemoryDatabase();
  db = handle.db;
});
afterAll(async () => {
  await handle?.close();
});

const DAY = 86_400_000;
const T0 = new Date("2026-03-01T09:00:00.000Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const b64u = (bytes: number) => randomBytes(bytes).toString("base64url");
const settings = { shareRowDays: 30, requestAnswerDays: 7 };

async function share(days: number, maxViews = 5) {
  const body = {
    id: b64u(16),
    ciphertext: b64u(64),
    expiresAt: at(days).toISOString(),
    maxViews,
    ownerSecret: b64u(32),
  };
  await createShare({ db }, body, T0);
  return body;
}

async function shareRow(id: string) {
  const [row] = await db.select().from(shares).where(eq(shares.id, id));
  return row;
}

async function request(expiresInDays: number, answeredAt?: Date, declined = false) {
  const id = b64u(16);
  await db.insert(verifierRequests).values({
    id,
    readSecretHash: "00",
    nonce: b64u(32),
    audience: `https://vitae.test/api/v1/requests/${id}`,
    verifierName: "St Aurelia",
    purpose: "Locum cover",
    policy: {},
    dcql: {},
    expiresAt: at(expiresInDays),
    answeredAt: answeredAt ?? null,
    declinedAt: declined ? (answeredAt ?? null) : null,
    result: answeredAt && !declined ? { holder: "did:key:z6Mk…", credentials: ["…"] } : null,
  });
  return id;
}

async function requestExists(id: string) {
  return (await db.select().from(verifierRequests).where(eq(verifierRequests.id, id))).length === 1;
}

describe("sweepRetention", () => {
  it("drops a share's ciphertext at expiry and keeps the owner's view log for 30 days", async () => {
    const s = await share(2);
    await openShare({ db }, s.id, "Chrome on Android", at(1));
    await openShare({ db }, s.id, "Safari on iPhone", at(1.5));

    // Still open: nothing is touched.
    await sweepRetention({ db }, settings, at(1.99));
    expect((await shareRow(s.id))?.ciphertext).toBe(s.ciphertext);

    // Expired: the ciphertext goes, the row and views stay for the owner.
    const swept = await sweepRetention({ db }, settings, at(2));
    expect(swept.sharesEmptied).toBeGreaterThanOrEqual(1);
    expect((await shareRow(s.id))?.ciphertext).toBeNull();
    const log = await readShareViews({ db }, s.id, s.ownerSecret, at(20));
    expect(log.state).toBe("expired");
    expect(log.opens.map((o) => o.client)).toEqual(["Chrome on Android", "Safari on iPhone"]);
    await expect(openShare({ db }, s.id, "Firefox on Linux", at(3))).rejects.toMatchObject({
      code: "SHARE_EXPIRED",
    });

    // One minute short of 30 days after expiry: still there.
    await sweepRetention({ db }, settings, new Date(at(32).getTime() - 60_000));
    expect(await shareRow(s.id)).toBeDefined();

    // 30 days after expiry: row and views deleted.
    const late = await sweepRetention({ db }, settings, new Date(at(32).getTime() + 1));
    expect(late.sharesDeleted).toBeGreaterThanOrEqual(1);
    expect(late.shareViewsDeleted).toBeGreaterThanOrEqual(2);
    expect(await shareRow(s.id)).toBeUndefined();
    expect(await db.select().from(shareViews).where(eq(shareViews.shareId, s.id))).toEqual([]);
    await expect(readShareViews({ db }, s.id, s.ownerSecret, at(33))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("drops the ciphertext of a used-up share at once, leaving open shares alone", async () => {
    const used = await share(10, 1);
    const open = await share(10, 3);
    await openShare({ db }, used.id, "Chrome on Android", at(1));
    await openShare({ db }, open.id, "Chrome on Android", at(1));

    await sweepRetention({ db }, settings, at(1));
    expect((await shareRow(used.id))?.ciphertext).toBeNull();
    expect((await shareRow(used.id))?.views).toBe(1);
    expect((await shareRow(open.id))?.ciphertext).toBe(open.ciphertext);
    await expect(openShare({ db }, used.id, "Safari on iPhone", at(2))).rejects.toMatchObject({
      code: "SHARE_EXHAUSTED",
    });
    expect((await openShare({ db }, open.id, "Safari on iPhone", at(2))).ciphertext).toBe(
      open.ciphertext,
    );
  });

  it("deletes verifier requests and answers 7 days after answer, refusal or expiry", async () => {
    const answered = await request(1, at(0.5));
    const declined = await request(1, at(0.25), true);
    const unanswered = await request(1);
    const pending = await request(60);

    // 7 days after the answer, minus a minute: all kept.
    await sweepRetention({ db }, settings, new Date(at(7.25).getTime() - 60_000));
    for (const id of [answered, declined, unanswered, pending]) {
      expect(await requestExists(id)).toBe(true);
    }

    // 7 days after the refusal: only that one goes.
    await sweepRetention({ db }, settings, new Date(at(7.25).getTime() + 1));
    expect(await requestExists(declined)).toBe(false);
    expect(await requestExists(answered)).toBe(true);

    // 7 days after the answer, then 7 days after expiry.
    await sweepRetention({ db }, settings, new Date(at(7.5).getTime() + 1));
    expect(await requestExists(answered)).toBe(false);
    expect(await requestExists(unanswered)).toBe(true);
    const swept = await sweepRetention({ db }, settings, new Date(at(8).getTime() + 1));
    expect(swept.requestsDeleted).toBe(1);
    expect(await requestExists(unanswered)).toBe(false);

    // A request still open (expires in 60 days) is never touched.
    expect(await requestExists(pending)).toBe(true);
  });

  it("honours configured periods", async () => {
    const s = await share(1);
    const r = await request(1, at(0.5));
    await sweepRetention({ db }, { shareRowDays: 0, requestAnswerDays: 0 }, at(1.5));
    expect(await shareRow(s.id)).toBeUndefined();
    expect(await requestExists(r)).toBe(false);
  });
});
