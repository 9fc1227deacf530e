import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMemoryDatabase, type DbHandle } from "@/lib/db/client";
import { shareViews } from "@/lib/db/schema";
import { createShare } from "./create-share";
import { describeClient } from "./describe-client";
import { openShare } from "./open-share";
import { readShareViews } from "./read-share-views";
import { revokeShare } from "./revoke-share";
import { createShareBodySchema } from "./schemas";

let handle: DbHandle;
let svc: { db: DbHandle["db"] };

beforeAll(async () => {
  handle = await openMemoryDatabase();
  svc = { db: handle.db };
});
afterAll(async () => {
  await handle?.close();
});

const b64u = (n: number) => randomBytes(n).toString("base64url");
const HOUR = 3_600_000;

function newShare(overrides: Partial<{ maxViews: number; expiresAt: string }> = {}) {
  return createShareBodySchema.parse({
    id: b64u(16),
    ciphertext: b64u(600),
    expiresAt: new Date(Date.now() + HOUR).toISOString(),
    maxViews: 3,
    ownerSecret: b64u(32),
    ...overrides,
  });
}

describe("dossier shares on PGlite", () => {
  it("stores a share and hands out its ciphertext, counting each view with a coarse client", async () => {
    const body = newShare();
    const created = await createShare(svc, body);
    expect(created).toMatchObject({ id: body.id, maxViews: 3 });

    const first = await openShare(svc, body.id, "Chrome on Android");
    expect(first).toMatchObject({ ciphertext: body.ciphertext, views: 1, maxViews: 3 });
    const second = await openShare(svc, body.id, "Safari on iOS");
    expect(second.views).toBe(2);

    const views = await readShareViews(svc, body.id, body.ownerSecret);
    expect(views).toMatchObject({ state: "active", views: 2, maxViews: 3, revokedAt: null });
    expect(views.opens.map((o) => o.client)).toEqual(["Chrome on Android", "Safari on iOS"]);
  });

  it("refuses a clashing id instead of overwriting the first share", async () => {
    const body = newShare();
    await createShare(svc, body);
    await expect(
      createShare(svc, { ...body, ciphertext: b64u(600), ownerSecret: b64u(32) }),
    ).rejects.toMatchObject({ code: "CONFLICT", status: 409 });
    expect((await openShare(svc, body.id, "x")).ciphertext).toBe(body.ciphertext);
  });

  it("refuses expiries in the past or more than 30 days ahead", async () => {
    await expect(
      createShare(svc, newShare({ expiresAt: new Date(Date.now() - 1000).toISOString() })),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(
      createShare(
        svc,
        newShare({ expiresAt: new Date(Date.now() + 31 * 24 * HOUR).toISOString() }),
      ),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("says why a share no longer opens: exhausted, expired, revoked, unknown", async () => {
    const used = newShare({ maxViews: 1 });
    await createShare(svc, used);
    await openShare(svc, used.id, "Chrome on Linux");
    await expect(openShare(svc, used.id, "Chrome on Linux")).rejects.toMatchObject({
      code: "SHARE_EXHAUSTED",
      status: 410,
    });

    const short = newShare();
    await createShare(svc, short);
    await expect(
      openShare(svc, short.id, "Chrome on Linux", new Date(Date.now() + 2 * HOUR)),
    ).rejects.toMatchObject({ code: "SHARE_EXPIRED", status: 410 });

    const revoked = newShare();
    await createShare(svc, revoked);
    await revokeShare(svc, revoked.id, revoked.ownerSecret);
    await expect(openShare(svc, revoked.id, "Chrome on Linux")).rejects.toMatchObject({
      code: "SHARE_REVOKED",
      status: 410,
    });

    await expect(openShare(svc, b64u(16), "Chrome on Linux")).rejects.toMatchObject({
      code: "SHARE_NOT_FOUND",
      status: 404,
    });
  });

  it("revoking needs the owner secret, deletes the ciphertext and is idempotent", async () => {
    const body = newShare();
    await createShare(svc, body);
    await expect(revokeShare(svc, body.id, b64u(32))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(readShareViews(svc, body.id, b64u(32))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await openShare(svc, body.id, "x")).views).toBe(1);

    const first = await revokeShare(svc, body.id, body.ownerSecret);
    const again = await revokeShare(svc, body.id, body.ownerSecret);
    expect(again.revokedAt).toBe(first.revokedAt);
    const views = await readShareViews(svc, body.id, body.ownerSecret);
    expect(views).toMatchObject({ state: "revoked", revokedAt: first.revokedAt, views: 1 });
    const rows = await handle.db.query.shares.findFirst({
      where: (s, { eq }) => eq(s.id, body.id),
    });
    expect(rows?.ciphertext).toBeNull();
  });

  it("never exceeds max views under parallel opens", async () => {
    const body = newShare({ maxViews: 5 });
    await createShare(svc, body);
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => openShare(svc, body.id, `client ${i}`)),
    );
    const opened = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(opened).toHaveLength(5);
    expect(refused).toHaveLength(35);
    for (const r of refused) expect(r.reason).toMatchObject({ code: "SHARE_EXHAUSTED" });
    expect(opened.map((r) => r.value.views).sort()).toEqual([1, 2, 3, 4, 5]);
    const views = await readShareViews(svc, body.id, body.ownerSecret);
    expect(views).toMatchObject({ state: "exhausted", views: 5 });
    expect(views.opens).toHaveLength(5);
    const recorded = await handle.db.select().from(shareViews);
    expect(recorded.filter((v) => v.shareId === body.id)).toHaveLength(5);
  });
});

describe("describeClient", () => {
  it.each([
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
      "Chrome on Android",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Safari on iOS",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0",
      "Edge on Windows",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0",
      "Firefox on macOS",
    ],
    ["curl/8.5.0", "curl"],
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0 Safari/537.36",
      "Headless Chrome on Linux",
    ],
    [null, "Unknown client"],
  ])("%s → %s", (ua, expected) => {
    expect(describeClient(ua)).toBe(expected);
  });
});
