import { decodeCredential } from "@/lib/credentials/decode-credential";
import { MAX_JWT_BYTES } from "@/lib/credentials/decode-jwt";
import { fetchBounded, FETCH_TIMEOUT_MS } from "@/lib/credentials/fetch-bounded";
import type { ResolveDid } from "@/lib/credentials/resolve-did";
import { bitstringStatusListEntrySchema, type DecodedCredential } from "@/lib/credentials/schemas";
import {
  check,
  verificationCodes,
  type Check,
  type VerificationCode,
} from "@/lib/credentials/verification";
import { verifyJws } from "@/lib/credentials/verify-jws";
import {
  LedgerUnavailableError,
  sha256Hex,
  statusListKey,
  type LedgerReader,
} from "@/lib/ledger/reader";
import { BitstringError, decodeBitstring } from "./bitstring";
import { bitstringStatusListSubjectSchema } from "./schemas";

/**
 * The `status` and `anchor` checks of a credential.
 *
 * Status: each `credentialStatus` entry is handled by the checker registered for its `type`; a
 * type we do not know gives "unknown" (`ok: null`), never "not revoked". A bit is only read from a
 * status list whose own signature verifies with the credential issuer's key.
 *
 * Anchor: the exact bytes served for each status list are hashed and compared with the latest
 * anchor on the ledger under `statusListKey(url)`, and the anchor's owner with the ledger account
 * the issuer's DID document publishes. An old, edited or foreign list fails here even though its
 * signature is fine. Both checks are reported honestly side by side: a revoked bit on a list that
 * does not match its anchor shows as REVOKED and ANCHOR_MISMATCH.
 */

export type FetchedList = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

export type CheckStatusDeps = {
  fetch: typeof globalThis.fetch;
  resolveDid: ResolveDid;
  ledger: LedgerReader;
  now: () => Date;
  clockSkewSeconds?: number;
  timeoutMs?: number;
  /** Share across a batch (a roster) so each status list is fetched once, whatever its size. */
  statusListCache?: Map<string, Promise<FetchedList>>;
};

export type StatusChecks = { status: Check; anchor: Check };

/** What the signed list says about itself (read only once its signature verified). */
type ListMeta = { version?: number; validUntil?: Date };

type ListContent =
  | ({ ok: true; bits: Uint8Array; purposes: string[] } & ListMeta)
  | ({ ok: false; code: VerificationCode; message: string } & ListMeta);

type ListReading = {
  /** The verified list content, or why it cannot be used. */
  list: ListContent;
  anchor: Check;
};

export type StatusCheckContext = {
  credential: DecodedCredential;
  deps: CheckStatusDeps;
  /** Memo for this call: each list is read, verified and anchor-checked once. */
  readList: (url: string) => Promise<ListReading | { fetchError: string }>;
};

export type StatusEntryChecker = (
  entry: Record<string, unknown>,
  context: StatusCheckContext,
) => Promise<StatusChecks & { listUrl?: string }>;

/** Bounds the lists one credential can make us fetch. */
const MAX_STATUS_ENTRIES = 8;
const DEFAULT_CLOCK_SKEW_SECONDS = 60;
/** The JWT claim in which Vitae's issuers state a list's version (see lib/issuance/status-lists). */
const LIST_VERSION_CLAIM = "statusListVersion";
const EIP155_ACCOUNT = /^eip155:\d+:(0x[0-9a-fA-F]{40})$/;

function notChecked(id: "status" | "anchor", code: VerificationCode, reason: string): Check {
  return check(id, null, code, `Not checked: ${reason}`);
}

async function fetchList(url: string, deps: CheckStatusDeps): Promise<FetchedList> {
  const res = await fetchBounded(deps.fetch, url, {
    timeoutMs: deps.timeoutMs ?? FETCH_TIMEOUT_MS,
    maxBytes: MAX_JWT_BYTES,
    accept: "application/vc+jwt, application/jwt, text/plain;q=0.5, */*;q=0.1",
  });
  return res.ok ? { ok: true, bytes: res.bytes } : { ok: false, message: res.message };
}

async function verifyList(
  url: string,
  bytes: Uint8Array,
  credential: DecodedCredential,
  deps: CheckStatusDeps,
): Promise<ListContent> {
  const invalid = (message: string) => ({
    ok: false as const,
    code: "STATUS_LIST_INVALID" as const,
    message,
  });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return invalid(`The status list at ${url} is not UTF-8 text.`);
  }
  const decoded = decodeCredential(text.trim());
  if (!decoded.ok)
    return invalid(`The status list at ${url} is not a valid credential: ${decoded.message}`);
  const list = decoded.credential;
  if (!list.vc.type.includes("BitstringStatusListCredential")) {
    return invalid(`The document at ${url} is not a BitstringStatusListCredential.`);
  }
  if (list.issuer !== credential.issuer) {
    return {
      ok: false,
      code: "STATUS_LIST_ISSUER_MISMATCH",
      message: `The status list at ${url} was issued by ${list.issuer}, not by ${credential.issuer}.`,
    };
  }
  const kid = list.header.kid;
  if (kid !== undefined && typeof kid !== "string")
    return invalid(`The status list's kid is not a string.`);
  if (kid?.startsWith("did:") && !kid.startsWith(`${credential.issuer}#`)) {
    return {
      ok: false,
      code: "STATUS_LIST_ISSUER_MISMATCH",
      message: `The status list at ${url} is signed with ${kid}, a key of another DID.`,
    };
  }
  const resolution = await deps.resolveDid(credential.issuer);
  if (!resolution.ok) return resolution;
  const signature = await verifyJws(decoded.jws, {
    kid,
    document: resolution.document,
    purpose: "assertionMethod",
  });
  if (!signature.ok) return invalid(`The status list's signature: ${signature.message}`);

  // The list names its own URL; another list of the same issuer served here must not pass.
  if (list.id !== undefined && list.id !== url) {
    return invalid(`The status list served at ${url} is the list ${list.id}.`);
  }
  const claimed = list.payload[LIST_VERSION_CLAIM];
  const meta: ListMeta = {
    version:
      Number.isSafeInteger(claimed) && (claimed as number) > 0 ? (claimed as number) : undefined,
    validUntil: list.validUntil,
  };
  const skewMs = (deps.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS) * 1000;
  const now = deps.now().getTime();
  if (list.validUntil && now >= list.validUntil.getTime() + skewMs) {
    return {
      ok: false,
      code: "STATUS_LIST_STALE",
      message: `The status list at ${url} stopped being valid on ${list.validUntil.toISOString()} and the issuer has not published a fresh one, so the status is unknown.`,
      ...meta,
    };
  }
  if (list.validFrom && now < list.validFrom.getTime() - skewMs) {
    return invalid(`The status list at ${url} is not valid yet.`);
  }
  const subject = bitstringStatusListSubjectSchema.safeParse(list.vc.credentialSubject);
  if (!subject.success) {
    const issue = subject.error.issues[0];
    return invalid(
      `The status list's ${issue?.path.join(".") || "subject"} is malformed: ${issue?.message}.`,
    );
  }
  let bits: Uint8Array;
  try {
    bits = decodeBitstring(subject.data.encodedList);
  } catch (err) {
    if (!(err instanceof BitstringError)) throw err;
    return invalid(`The status list's ${err.message}.`);
  }
  const purposes = subject.data.statusPurpose;
  return {
    ok: true,
    bits,
    purposes: typeof purposes === "string" ? [purposes] : purposes,
    ...meta,
  };
}

type AnchorRead =
  | { ok: true; record: Awaited<ReturnType<LedgerReader["latest"]>> }
  | { ok: false; message: string };

async function readAnchor(url: string, deps: CheckStatusDeps): Promise<AnchorRead> {
  try {
    return { ok: true, record: await deps.ledger.latest(statusListKey(url)) };
  } catch (err) {
    const why = err instanceof LedgerUnavailableError ? err.message : "the ledger query failed";
    return { ok: false, message: `${verificationCodes.LEDGER_UNAVAILABLE} (${why})` };
  }
}

/**
 * Compares the served bytes with the latest anchor. A mismatch is a tamper either way, but the
 * message says which: a list the issuer signed as an older version (a rollback to hide a
 * revocation) or a list that was never anchored at all (edited).
 */
async function checkAnchor(
  url: string,
  bytes: Uint8Array,
  credential: DecodedCredential,
  deps: CheckStatusDeps,
  read: AnchorRead,
  list: ListContent,
): Promise<Check> {
  if (!read.ok) return check("anchor", null, "LEDGER_UNAVAILABLE", read.message, { listUrl: url });
  const { record } = read;
  if (!record) {
    return check("anchor", null, "ANCHOR_NOT_FOUND", undefined, { listUrl: url });
  }
  const now = deps.now();
  const skewMs = (deps.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS) * 1000;
  const withinValidity =
    list.validUntil === undefined || now.getTime() < list.validUntil.getTime() + skewMs;
  const details = {
    version: record.version,
    anchoredAt: record.anchoredAt.toISOString(),
    anchorAgeSeconds: Math.max(0, Math.round((now.getTime() - record.anchoredAt.getTime()) / 1000)),
    listUrl: url,
    listValidUntil: list.validUntil?.toISOString() ?? null,
    withinValidity,
  };
  const hash = await sha256Hex(bytes);
  if (record.hash.toLowerCase() !== hash.toLowerCase()) {
    if (list.version !== undefined && list.version < record.version) {
      return check(
        "anchor",
        false,
        "ANCHOR_ROLLBACK",
        `The server served version ${list.version} of the status list, but version ${record.version} is anchored on the ledger: an outdated list that may hide a newer revocation.`,
        { ...details, servedVersion: list.version },
      );
    }
    return check(
      "anchor",
      false,
      "ANCHOR_MISMATCH",
      `The status list served at ${url} is not the one anchored on the ledger as version ${record.version}: it was altered or never anchored.`,
      list.version === undefined ? details : { ...details, servedVersion: list.version },
    );
  }
  const resolution = await deps.resolveDid(credential.issuer);
  if (!resolution.ok)
    return notChecked("anchor", resolution.code, `the anchor's owner: ${resolution.message}`);
  const { document: didDocument } = resolution;
  const accounts = didDocument.verificationMethod
    .map((m) => EIP155_ACCOUNT.exec(m.blockchainAccountId ?? "")?.[1]?.toLowerCase())
    .filter((a): a is string => a !== undefined);
  if (accounts.length === 0) {
    return check(
      "anchor",
      null,
      "ANCHOR_OWNER_MISMATCH",
      `The issuer's DID document publishes no ledger account, so the anchor's owner (${record.owner}) cannot be confirmed.`,
      details,
    );
  }
  if (!accounts.includes(record.owner.toLowerCase())) {
    return check(
      "anchor",
      false,
      "ANCHOR_OWNER_MISMATCH",
      `The status list was anchored by ${record.owner}, which is not the issuer's ledger account.`,
      details,
    );
  }
  if (!withinValidity) {
    return check(
      "anchor",
      null,
      "STATUS_LIST_STALE",
      `The status list is version ${record.version}, anchored ${details.anchoredAt}, but it stopped being valid on ${details.listValidUntil}: a fresher list is overdue.`,
      details,
    );
  }
  return check(
    "anchor",
    true,
    "ANCHOR_MATCH",
    `The status list is version ${record.version}, the latest anchored on the ledger (${details.anchoredAt}).`,
    details,
  );
}

export const checkBitstringEntry: StatusEntryChecker = async (entry, context) => {
  const parsed = bitstringStatusListEntrySchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = `The status entry's ${issue?.path.join(".") || "content"} is malformed: ${issue?.message}.`;
    return {
      status: check("status", null, "STATUS_ENTRY_INVALID", message),
      anchor: notChecked("anchor", "STATUS_ENTRY_INVALID", message),
    };
  }
  const { statusListCredential: url, statusPurpose, statusListIndex } = parsed.data;
  if (!/^https?:$/.test(new URL(url).protocol)) {
    const message = `The status list URL ${url} is not http(s).`;
    return {
      status: check("status", null, "STATUS_ENTRY_INVALID", message),
      anchor: notChecked("anchor", "STATUS_ENTRY_INVALID", message),
    };
  }

  const reading = await context.readList(url);
  if ("fetchError" in reading) {
    const message = `The status list ${reading.fetchError}.`;
    return {
      listUrl: url,
      status: check("status", null, "STATUS_LIST_UNAVAILABLE", message, { listUrl: url }),
      anchor: notChecked("anchor", "STATUS_LIST_UNAVAILABLE", message),
    };
  }
  const { list, anchor } = reading;
  const details = { statusPurpose, listUrl: url };
  if (!list.ok) {
    return {
      listUrl: url,
      anchor,
      status: check("status", null, list.code, list.message, details),
    };
  }
  if (!list.purposes.includes(statusPurpose)) {
    const message = `The status list at ${url} is for ${list.purposes.join("/")}, not ${statusPurpose}.`;
    return {
      listUrl: url,
      anchor,
      status: check("status", null, "STATUS_LIST_INVALID", message, details),
    };
  }
  const index = Number(statusListIndex);
  if (index >= list.bits.length * 8) {
    return {
      listUrl: url,
      anchor,
      status: check("status", null, "STATUS_INDEX_OUT_OF_RANGE", undefined, details),
    };
  }
  const set = (list.bits[index >> 3]! & (0x80 >> (index & 7))) !== 0;
  const status = !set
    ? check("status", true, "STATUS_ACTIVE", undefined, details)
    : statusPurpose === "revocation"
      ? check("status", false, "REVOKED", undefined, details)
      : check("status", false, "SUSPENDED", undefined, details);
  return { listUrl: url, anchor, status };
};

/** Status entry types Vitae can check, by `credentialStatus.type`. */
export const statusCheckers: Record<string, StatusEntryChecker> = {
  BitstringStatusListEntry: checkBitstringEntry,
};

/** false beats null beats true: one revoked entry or one unknown list decides the whole check. */
function worst(checks: Check[]): Check | undefined {
  return (
    checks.find((c) => c.code === "REVOKED") ??
    checks.find((c) => c.ok === false) ??
    checks.find((c) => c.ok === null)
  );
}

export async function checkStatus(
  credential: DecodedCredential,
  deps: CheckStatusDeps,
): Promise<StatusChecks> {
  const raw = credential.vc.credentialStatus;
  if (raw === undefined) {
    return {
      status: check("status", true, "STATUS_NONE"),
      anchor: check("anchor", true, "ANCHOR_NOT_APPLICABLE"),
    };
  }
  const entries = Array.isArray(raw) ? raw : [raw];
  if (entries.length === 0 || entries.length > MAX_STATUS_ENTRIES) {
    const message = `The credential has ${entries.length} status entries (1…${MAX_STATUS_ENTRIES} accepted).`;
    return {
      status: check("status", null, "STATUS_ENTRY_INVALID", message),
      anchor: notChecked("anchor", "STATUS_ENTRY_INVALID", message),
    };
  }

  const cache = deps.statusListCache ?? new Map<string, Promise<FetchedList>>();
  const readings = new Map<string, Promise<ListReading | { fetchError: string }>>();
  const readList = (url: string) => {
    let reading = readings.get(url);
    if (!reading) {
      let fetched = cache.get(url);
      if (!fetched) {
        fetched = fetchList(url, deps);
        cache.set(url, fetched);
      }
      reading = fetched.then(async (f) => {
        if (!f.ok) return { fetchError: f.message };
        // The ledger read runs alongside the list's signature check; the anchor needs both.
        const [list, read] = await Promise.all([
          verifyList(url, f.bytes, credential, deps),
          readAnchor(url, deps),
        ]);
        return { list, anchor: await checkAnchor(url, f.bytes, credential, deps, read, list) };
      });
      readings.set(url, reading);
    }
    return reading;
  };

  const outcomes = await Promise.all(
    entries.map((entry) => {
      const type = typeof entry.type === "string" ? entry.type : undefined;
      const checker =
        type !== undefined && Object.hasOwn(statusCheckers, type)
          ? statusCheckers[type]
          : undefined;
      if (!checker) {
        const message = `The status type ${JSON.stringify(type ?? null)} is not supported, so the credential's status is unknown.`;
        return Promise.resolve<StatusChecks & { listUrl?: string }>({
          status: check("status", null, "STATUS_TYPE_UNSUPPORTED", message),
          anchor: notChecked("anchor", "STATUS_TYPE_UNSUPPORTED", message),
        });
      }
      return checker(entry, { credential, deps, readList });
    }),
  );

  const statuses = outcomes.map((o) => o.status);
  const status =
    worst(statuses) ??
    check(
      "status",
      true,
      "STATUS_ACTIVE",
      outcomes.length > 1
        ? `The credential is neither revoked nor suspended (${outcomes.length} status entries checked).`
        : undefined,
      outcomes.length > 1
        ? { statusPurpose: statuses.map((s) => s.details?.statusPurpose).join(",") }
        : statuses[0]?.details,
    );

  // One anchor per list, however many entries point at it.
  const anchors = [...new Map(outcomes.map((o, i) => [o.listUrl ?? `#${i}`, o.anchor])).values()];
  const anchor =
    worst(anchors) ??
    (anchors.length === 1
      ? anchors[0]!
      : check(
          "anchor",
          true,
          "ANCHOR_MATCH",
          `All ${anchors.length} status lists are the latest versions anchored on the ledger (${anchors
            .map((a) => `v${a.details?.version}`)
            .join(", ")}).`,
          { ...anchors[0]!.details, lists: anchors.length },
        ));
  return { status, anchor };
}
