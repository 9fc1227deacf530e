import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestChain, startTestServices, type TestChain } from "@/scripts/support/test-stack";
import { findIssuer, type Issuer } from "./authenticate-issuer";
import { changeCredentialStatus } from "./change-status";
import { issueCredential } from "./issue-credential";
import type { IssuanceServices } from "./services";
import {
  cancelSubscription,
  deliverDueNotifications,
  SIGNATURE_HEADER,
  subscribeToStatus,
} from "./status-subscriptions";

/** A local webhook receiver: records each request, answers with the next queued status. */
type Received = { headers: Record<string, string | string[] | undefined>; body: string };
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
const answers: number[] = [];

let chain: TestChain;
let svc: IssuanceServices;
let close: () => Promise<void>;
let issuer: Issuer;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answers.shift() ?? 204;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
  chain = await startTestChain();
  const started = await startTestServices(chain, { anchoring: { batchWindowMs: 50 } });
  svc = started.svc;
  close = started.db.close;
  issuer = await findIssuer(svc, "eastland-licensing");
});

afterAll(async () => {
  await close?.();
  await chain?.stop();
  await new Promise((r) => receiver?.close(r));
});

async function waitForDeliveries(count: number) {
  const deadline = Date.now() + 10_000;
  while (received.length < count && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return received.slice(0, count);
}

const subject = { name: "Dr Private Name", licenseNumber: "EL-77", jurisdiction: "Eastland" };

describe("status-change subscriptions", () => {
  it("sends a signed notification without personal data once a revocation is anchored", async () => {
    const issued = await issueCredential(svc, issuer, {
      type: "MedicalLicenseCredential",
      subject,
    });
    const sub = await subscribeToStatus(svc, { credential: issued.jwt, webhookUrl: receiverUrl });
    expect(sub.lists.map((l) => l.statusPurpose).sort()).toEqual(["revocation", "suspension"]);

    const change = await changeCredentialStatus(svc, issuer, issued.id, "suspend", "review");
    const [hit] = await waitForDeliveries(1);
    expect(hit).toBeDefined();
    const body = JSON.parse(hit!.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: "vitae.credential.status-changed",
      subscriptionId: sub.id,
      credentialId: `urn:uuid:${issued.id}`,
      status: "suspended",
      statusListVersion: change.version,
      anchorTx: change.anchorTx,
    });
    // Nothing about the doctor, and the signature checks out with the secret.
    expect(hit!.body).not.toContain("Private Name");
    expect(hit!.body).not.toContain("EL-77");
    const header = String(hit!.headers[SIGNATURE_HEADER.toLowerCase()]);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
    const mac = createHmac("sha256", sub.secret).update(`${t}.${hit!.body}`).digest("hex");
    expect(v1).toBe(mac);
  });

  it("retries a webhook that failed; only the secret cancels a subscription", async () => {
    received.length = 0;
    answers.push(500); // the first attempt fails
    const issued = await issueCredential(svc, issuer, {
      type: "MedicalLicenseCredential",
      subject,
    });
    const sub = await subscribeToStatus(svc, { credential: issued.jwt, webhookUrl: receiverUrl });
    await changeCredentialStatus(svc, issuer, issued.id, "revoke", "retry test");
    await waitForDeliveries(1);
    // The retry is due after ~2 s of backoff; the worker's sweep (or this call) sends it.
    await new Promise((r) => setTimeout(r, 2_200));
    await deliverDueNotifications(svc);
    const hits = await waitForDeliveries(2);
    expect(hits).toHaveLength(2);
    expect(JSON.parse(hits[1]!.body)).toMatchObject({ status: "revoked" });

    await expect(cancelSubscription(svc, sub.id, "wrong-secret")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await cancelSubscription(svc, sub.id, sub.secret);
  });

  it("refuses webhooks that are not https, and credentials it cannot follow", async () => {
    const issued = await issueCredential(svc, issuer, {
      type: "MedicalLicenseCredential",
      subject,
    });
    for (const webhookUrl of [
      "http://example.org/hook",
      "ftp://x.test/",
      "https://u:p@example.org/",
      "nope",
    ]) {
      await expect(
        subscribeToStatus(svc, { credential: issued.jwt, webhookUrl }),
      ).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
        fields: { webhookUrl: [expect.any(String)] },
      });
    }
    const [h, p, s] = issued.jwt.split(".");
    const forged = `${h}.${p}.${s!.slice(0, -4)}AAAA`;
    await expect(
      subscribeToStatus(svc, { credential: forged, webhookUrl: "https://hooks.example.org/x" }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
