import "server-only";
import { and, desc, eq, max } from "drizzle-orm";
import { W3C_CREDENTIALS_V1, type StatusPurpose } from "@/lib/credentials/schemas";
import { statusListVersions, statusLists } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { sha256Hex, statusListKey } from "@/lib/ledger/reader";
import { AnchorRejectedError } from "@/lib/ledger/writer";
import { createBitstring, encodeBitstring, setBit, STATUS_LIST_SIZE } from "@/lib/status/bitstring";
import type { Issuer } from "./authenticate-issuer";
import { withListLock } from "./list-lock";
import type { IssuanceServices } from "./services";
import { signJwtVc } from "./sign-jwt-vc";

/**
 * Status lists on the issuing side. Each change to a list's bits is a new version: a freshly
 * signed BitstringStatusListCredential whose SHA-256 is anchored on the ledger. Only anchored
 * versions are ever served, so what a verifier fetches is what the chain vouches for.
 *
 * A version is written "pending" first and anchored after; while it is pending, further changes
 * fold into it (same version number, re-signed) instead of opening another version, so versions
 * on the chain always step by one.
 */

export type StatusList = typeof statusLists.$inferSelect;
export type AnchorState = {
  listId: string;
  version: number;
  state: "anchored" | "pending";
  anchorTx: string | null;
  anchoredAt: Date | null;
};

export function statusListUrl(svc: IssuanceServices, listId: string): string {
  return `${svc.publicUrl}/api/v1/status-lists/${listId}`;
}

export function statusListId(slug: string, purpose: StatusPurpose, series: number): string {
  return `${slug}-${purpose}-${series}`;
}

async function signList(
  svc: IssuanceServices,
  issuer: Pick<Issuer, "did" | "signingKid">,
  list: Pick<StatusList, "id" | "purpose">,
  bits: Uint8Array,
): Promise<{ jwt: string; hash: string }> {
  const url = statusListUrl(svc, list.id);
  const jwt = await signJwtVc(svc, issuer, {
    nbf: Math.floor(Date.now() / 1000),
    jti: url,
    vc: {
      "@context": [W3C_CREDENTIALS_V1],
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      id: url,
      credentialSubject: {
        id: `${url}#list`,
        type: "BitstringStatusList",
        statusPurpose: list.purpose,
        encodedList: encodeBitstring(bits),
      },
    },
  });
  return { jwt, hash: await sha256Hex(jwt) };
}

/** The issuer's current list series, opening series 1 (both purposes, version 1) if none. */
export async function currentSeries(svc: IssuanceServices, issuer: Issuer): Promise<number> {
  const [row] = await svc.db
    .select({ series: max(statusLists.series) })
    .from(statusLists)
    .where(eq(statusLists.issuerSlug, issuer.slug));
  if (row?.series) return row.series;
  return withListLock(`open:${issuer.slug}`, async () => {
    const [again] = await svc.db
      .select({ series: max(statusLists.series) })
      .from(statusLists)
      .where(eq(statusLists.issuerSlug, issuer.slug));
    if (again?.series) return again.series;
    const series = 1;
    const opened: string[] = [];
    for (const purpose of ["revocation", "suspension"] as const) {
      const id = statusListId(issuer.slug, purpose, series);
      const bits = createBitstring(STATUS_LIST_SIZE);
      const signed = await signList(svc, issuer, { id, purpose }, bits);
      await svc.db.transaction(async (tx) => {
        await tx.insert(statusLists).values({
          id,
          issuerSlug: issuer.slug,
          purpose,
          series,
          size: STATUS_LIST_SIZE,
          bits,
          version: 1,
        });
        await tx
          .insert(statusListVersions)
          .values({ listId: id, version: 1, ...signed, state: "pending" });
      });
      opened.push(id);
    }
    // A chain outage must not block issuance: the lists stay pending and are anchored later.
    await Promise.all(opened.map((id) => anchorPending(svc, issuer, id).catch(() => undefined)));
    return series;
  });
}

export async function getStatusList(svc: IssuanceServices, listId: string): Promise<StatusList> {
  const [list] = await svc.db.select().from(statusLists).where(eq(statusLists.id, listId));
  if (!list) throw new AppError("NOT_FOUND", `No status list "${listId}".`);
  return list;
}

/**
 * Sets one bit and records the new version as pending, under the list's lock. The caller's
 * `alsoInTransaction` runs in the same database transaction (e.g. the credential's new status).
 */
export async function setStatusBit(
  svc: IssuanceServices,
  issuer: Issuer,
  listId: string,
  index: number,
  value: boolean,
  alsoInTransaction: (
    tx: Parameters<Parameters<IssuanceServices["db"]["transaction"]>[0]>[0],
  ) => Promise<void>,
): Promise<AnchorState> {
  return withListLock(listId, async () => {
    const list = await getStatusList(svc, listId);
    if (index < 0 || index >= list.size)
      throw new AppError("CONFLICT", "Status index out of range.");
    const bits = new Uint8Array(list.bits);
    setBit(bits, index, value);

    const [latest] = await svc.db
      .select()
      .from(statusListVersions)
      .where(eq(statusListVersions.listId, listId))
      .orderBy(desc(statusListVersions.version))
      .limit(1);
    const folding = latest?.state === "pending";
    const version = folding ? latest.version : list.version + 1;
    const signed = await signList(svc, issuer, list, bits);

    await svc.db.transaction(async (tx) => {
      await tx.update(statusLists).set({ bits, version }).where(eq(statusLists.id, listId));
      if (folding) {
        await tx
          .update(statusListVersions)
          .set(signed)
          .where(
            and(eq(statusListVersions.listId, listId), eq(statusListVersions.version, version)),
          );
      } else {
        await tx
          .insert(statusListVersions)
          .values({ listId, version, ...signed, state: "pending" });
      }
      await alsoInTransaction(tx);
    });
    return anchorPendingLocked(svc, issuer, listId);
  });
}

export function anchorPending(
  svc: IssuanceServices,
  issuer: Issuer,
  listId: string,
): Promise<AnchorState> {
  return withListLock(listId, () => anchorPendingLocked(svc, issuer, listId));
}

/** Anchors the list's pending version, if any. A chain outage leaves it pending, not lost. */
async function anchorPendingLocked(
  svc: IssuanceServices,
  issuer: Issuer,
  listId: string,
): Promise<AnchorState> {
  const [pending] = await svc.db
    .select()
    .from(statusListVersions)
    .where(and(eq(statusListVersions.listId, listId), eq(statusListVersions.state, "pending")))
    .orderBy(desc(statusListVersions.version))
    .limit(1);
  if (!pending) return servedState(svc, listId);

  const listKey = statusListKey(statusListUrl(svc, listId));
  let receipt: { txHash: string | null; blockNumber: number | null; anchoredAt: Date };
  try {
    const sent = await svc.ledger.writer.anchorStatusList({
      privateKey: svc.ledger.keyFor(issuer.slug),
      listKey,
      version: pending.version,
      hash: pending.hash as `0x${string}`,
      uri: statusListUrl(svc, listId),
    });
    receipt = {
      txHash: sent.txHash,
      blockNumber: Number(sent.blockNumber),
      anchoredAt: sent.anchoredAt,
    };
  } catch (err) {
    // Our earlier attempt may have landed before we could record it: believe the chain.
    const onChain =
      err instanceof AnchorRejectedError
        ? await svc.ledger.reader.latest(listKey).catch(() => null)
        : null;
    if (onChain && onChain.version === pending.version && onChain.hash === pending.hash) {
      receipt = { txHash: null, blockNumber: null, anchoredAt: onChain.anchoredAt };
    } else {
      console.warn(
        `[vitae] anchor of ${listId} v${pending.version} pending: ${(err as Error).message}`,
      );
      return {
        listId,
        version: pending.version,
        state: "pending",
        anchorTx: null,
        anchoredAt: null,
      };
    }
  }
  await svc.db.transaction(async (tx) => {
    await tx
      .update(statusListVersions)
      .set({
        state: "anchored",
        anchorTx: receipt.txHash,
        blockNumber: receipt.blockNumber,
        anchoredAt: receipt.anchoredAt,
      })
      .where(
        and(eq(statusListVersions.listId, listId), eq(statusListVersions.version, pending.version)),
      );
    await tx
      .update(statusLists)
      .set({ anchoredVersion: pending.version })
      .where(eq(statusLists.id, listId));
  });
  return {
    listId,
    version: pending.version,
    state: "anchored",
    anchorTx: receipt.txHash,
    anchoredAt: receipt.anchoredAt,
  };
}

async function servedState(svc: IssuanceServices, listId: string): Promise<AnchorState> {
  const served = await servedVersion(svc, listId);
  return {
    listId,
    version: served.version,
    state: "anchored",
    anchorTx: served.anchorTx,
    anchoredAt: served.anchoredAt,
  };
}

/** The newest anchored version: the only one the public endpoint serves. */
export async function servedVersion(svc: IssuanceServices, listId: string) {
  const [row] = await svc.db
    .select()
    .from(statusListVersions)
    .where(and(eq(statusListVersions.listId, listId), eq(statusListVersions.state, "anchored")))
    .orderBy(desc(statusListVersions.version))
    .limit(1);
  if (!row) {
    await getStatusList(svc, listId);
    throw new AppError(
      "LEDGER_UNAVAILABLE",
      "This status list has no version anchored on the ledger yet; try again shortly.",
    );
  }
  return row;
}

/** Anchors every pending version; the server runs this on start and periodically. */
export async function anchorAllPending(
  svc: IssuanceServices,
  issuerOf: (slug: string) => Promise<Issuer>,
) {
  const rows = await svc.db
    .selectDistinct({ listId: statusListVersions.listId, issuerSlug: statusLists.issuerSlug })
    .from(statusListVersions)
    .innerJoin(statusLists, eq(statusLists.id, statusListVersions.listId))
    .where(eq(statusListVersions.state, "pending"));
  for (const row of rows) {
    await anchorPending(svc, await issuerOf(row.issuerSlug), row.listId);
  }
  return rows.length;
}
