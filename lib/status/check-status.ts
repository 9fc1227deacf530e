import { decodeCredential } from "@/lib/credentials/decode-credential";
import { MAX_JWT_BYTES } from "@/lib/credentials/decode-jwt";
import { fetchBounded, FETCH_TIMEOUT_MS } from "@/lib/credentials/fetch-bounded";
import type { DidResolution, ResolveDid } from "@/lib/credentials/resolve-did";
import { bitstringStatusListEntrySchema, type DecodedCredential } from "@/lib/credentials/schemas";
import {
  check,
  verificationCodes,
  type Check,
  type VerificationCode,
} from "@/lib/credentials/verification";
import {
  contextServes,
  type CachedStatusList,
  type VerificationContext,
} from "@/lib/credentials/verification-context";
import { remember, settledValue } from "@/lib/credentials/settled-value";
import { verifyJws } from "@/lib/credentials/verify-jws";
import type { DecodedJwt } from "@/lib/credentials/decode-jwt";
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
 *
 * Reuse: a list is read into a `StatusListSource` (fetched once; decoded, signature-verified,
 * inflated, hashed and anchor-read at most once each, on first need). Without a verification
 * context a source lives for one `checkStatus` call; with one it is shared by every credential
 * the verifier checks for the context's stated TTL. Only the parts that do not depend on the
 * credential or on the time are reused: the issuer comparison and every date rule run again for
 * each credential, so a reused reading gives exactly the answer a fresh one would.
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
  /** Share across a batch so each list is also verified, inflated and anchor-read once. */
  context?: VerificationContext;
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

type Failure = { ok: false; code: VerificationCode; message: string };

/** The served list as a credential, before anything about it is trusted. */
type DecodedList =
  { ok: true; list: DecodedCredential; jws: DecodedJwt } | { ok: false; message: string };

type ListSubject = { ok: true; bits: Uint8Array; purposes: string[] } | Failure;

/**
 * What one reading of a list says to the credentials of one issuer, given the time: the list's
 * content (or why it cannot be used) and the anchor check. Synchronous and cheap; everything it
 * needs that is not the time was settled when it was made.
 */
type ListVerdict = (nowMs: number, skewMs: number) => ListReading;

/**
 * One reading of a status list URL: the bytes served at `readAt`, and everything about them that
 * does not depend on the time, each computed at most once: the decoded list, its signature, its
 * inflated bits, its hash, the ledger's anchor, and the verdict for each issuer asking.
 */
export type StatusListSource =
  | { ok: false; url: string; readAt: Date; message: string }
  | {
      ok: true;
      url: string;
      readAt: Date;
      /** Set when the reading is shared by a context: how long it may be reused. */
      maxAgeSeconds?: number;
      bytes: Uint8Array;
      anchor: (deps: CheckStatusDeps) => Promise<AnchorRead>;
      verdict: (issuer: string, deps: CheckStatusDeps) => Promise<ListVerdict>;
      /** The verdict for `issuer` if one has been made and settled; never starts one. */
      settledVerdict: (issuer: string) => ListVerdict | undefined;
    };

type OkSource = Extract<StatusListSource, { ok: true }>;

function decodeList(url: string, bytes: Uint8Array): DecodedList {
  const invalid = (message: string) => ({ ok: false as const, message });
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
  return { ok: true, list, jws: decoded.jws };
}

async function verifyListSignature(
  decoded: Extract<DecodedList, { ok: true }>,
  deps: CheckStatusDeps,
): Promise<{ ok: true } | Failure> {
  const resolution = await deps.resolveDid(decoded.list.issuer);
  if (!resolution.ok) return resolution;
  const kid = decoded.list.header.kid;
  const signature = await verifyJws(decoded.jws, {
    kid: typeof kid === "string" ? kid : undefined,
    document: resolution.document,
    purpose: "assertionMethod",
  });
  if (!signature.ok) {
    return {
      ok: false,
      code: "STATUS_LIST_INVALID",
      message: `The status list's signature: ${signature.message}`,
    };
  }
  return { ok: true };
}

function readSubject(list: DecodedCredential): ListSubject {
  const invalid = (message: string): Failure => ({
    ok: false,
    code: "STATUS_LIST_INVALID",
    message,
  });
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
  return { ok: true, bits, purposes: typeof purposes === "string" ? [purposes] : purposes };
}

/** How a context shares a reading: for how long, and what to do when a read fails. */
type Sharing = { maxAgeSeconds: number; onFailure: () => void };

/** Wraps fetched bytes in a source whose parts are each computed once, on first need. */
function sourceOf(
  url: string,
  readAt: Date,
  fetched: FetchedList,
  sharing?: Sharing,
): StatusListSource {
  if (!fetched.ok) {
    sharing?.onFailure();
    return { ok: false, url, readAt, message: fetched.message };
  }
  const { bytes } = fetched;
  let decoded: DecodedList | undefined;
  let signature: Promise<{ ok: true } | Failure> | undefined;
  let subject: ListSubject | undefined;
  let anchor: Promise<AnchorRead> | undefined;
  let hash: Promise<string> | undefined;
  const verdicts = new Map<string, Promise<ListVerdict>>();

  const parts: VerdictParts = {
    decoded: () => (decoded ??= decodeList(url, bytes)),
    signature(list, deps) {
      if (!signature) {
        const pending = verifyListSignature(list, deps);
        signature = pending;
        // A DID document that could not be fetched is a blip, not an answer: ask again next time.
        void pending.then((outcome) => {
          if (!outcome.ok && outcome.code !== "STATUS_LIST_INVALID" && signature === pending)
            signature = undefined;
        });
      }
      return signature;
    },
    subject: (list) => (subject ??= readSubject(list)),
    hash: () => (hash ??= sha256Hex(bytes)),
    anchor(deps) {
      if (!anchor) {
        anchor = readAnchor(url, deps);
        // A failed ledger read is kept only briefly by a context, so it is asked again soon.
        if (sharing) void anchor.then((read) => (read.ok ? undefined : sharing.onFailure()));
      }
      return anchor;
    },
  };
  const source: OkSource = {
    ok: true,
    url,
    readAt,
    ...(sharing ? { maxAgeSeconds: sharing.maxAgeSeconds } : {}),
    bytes,
    anchor: (deps) => parts.anchor(deps),
    verdict(issuer, deps) {
      let verdict = verdicts.get(issuer);
      if (!verdict) {
        const pending = makeVerdict(source, issuer, deps, parts);
        verdict = remember(pending.then((made) => made.verdict));
        verdicts.set(issuer, verdict);
        // Made from a DID resolution that failed: good for the callers waiting, not for later.
        const settled = verdict;
        void pending.then((made) => {
          if (made.transient && verdicts.get(issuer) === settled) verdicts.delete(issuer);
        });
      }
      return verdict;
    },
    settledVerdict(issuer) {
      const verdict = verdicts.get(issuer);
      return verdict && settledValue(verdict)?.value;
    },
  };
  return source;
}

type VerdictParts = {
  decoded: () => DecodedList;
  signature: (
    list: Extract<DecodedList, { ok: true }>,
    deps: CheckStatusDeps,
  ) => Promise<{ ok: true } | Failure>;
  subject: (list: DecodedCredential) => ListSubject;
  hash: () => Promise<string>;
  anchor: (deps: CheckStatusDeps) => Promise<AnchorRead>;
};

/** What the list says before the time is looked at: a failure, or the signed list's facts. */
type Untimed =
  | { ok: false; content: ListContent }
  | {
      ok: true;
      list: DecodedCredential;
      meta: ListMeta;
      subject: ListSubject;
    };

/**
 * The list as it bears on credentials of `issuer`, up to the time-dependent rules. The order of
 * the rules is the order in which a fresh check applies them (see `verdictAt`).
 */
async function untimed(
  url: string,
  issuer: string,
  deps: CheckStatusDeps,
  parts: VerdictParts,
): Promise<{ untimed: Untimed; transient: boolean }> {
  const invalid = (message: string): { untimed: Untimed; transient: boolean } => ({
    untimed: { ok: false, content: { ok: false, code: "STATUS_LIST_INVALID", message } },
    transient: false,
  });
  const decoded = parts.decoded();
  if (!decoded.ok) return invalid(decoded.message);
  const { list } = decoded;
  if (list.issuer !== issuer) {
    return {
      untimed: {
        ok: false,
        content: {
          ok: false,
          code: "STATUS_LIST_ISSUER_MISMATCH",
          message: `The status list at ${url} was issued by ${list.issuer}, not by ${issuer}.`,
        },
      },
      transient: false,
    };
  }
  const kid = list.header.kid;
  if (kid !== undefined && typeof kid !== "string")
    return invalid(`The status list's kid is not a string.`);
  if (kid?.startsWith("did:") && !kid.startsWith(`${issuer}#`)) {
    return {
      untimed: {
        ok: false,
        content: {
          ok: false,
          code: "STATUS_LIST_ISSUER_MISMATCH",
          message: `The status list at ${url} is signed with ${kid}, a key of another DID.`,
        },
      },
      transient: false,
    };
  }
  // The list's issuer is the credential's here, so the list's key is the credential issuer's.
  const signature = await parts.signature(decoded, deps);
  if (!signature.ok) {
    return {
      untimed: { ok: false, content: signature },
      transient: signature.code !== "STATUS_LIST_INVALID",
    };
  }
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
  return { untimed: { ok: true, list, meta, subject: parts.subject(list) }, transient: false };
}

/**
 * Reads what a verdict needs (list, anchor, hash, the issuer's DID document) and returns the
 * verdict. `transient` marks one built on a DID resolution that failed, which must not be reused.
 */
async function makeVerdict(
  source: OkSource,
  issuer: string,
  deps: CheckStatusDeps,
  parts: VerdictParts,
): Promise<{ verdict: ListVerdict; transient: boolean }> {
  const { url } = source;
  // The ledger read runs alongside the list's signature check; the anchor needs both.
  const [pre, read] = await Promise.all([untimed(url, issuer, deps, parts), parts.anchor(deps)]);
  const record = read.ok ? read.record : null;
  const hashMatches = record
    ? record.hash.toLowerCase() === (await parts.hash()).toLowerCase()
    : false;
  const owner = hashMatches ? await deps.resolveDid(issuer) : undefined;
  const transient = pre.transient || (owner !== undefined && !owner.ok);
  // `document` is the resolution's DID document (the field's name), not the browser's.
  const ownerDid = owner?.ok === true ? owner["document"] : undefined;
  const accounts = ownerDid
    ? ownerDid.verificationMethod
        .map((m) => EIP155_ACCOUNT.exec(m.blockchainAccountId ?? "")?.[1]?.toLowerCase())
        .filter((a): a is string => a !== undefined)
    : [];
  // A reading shared by a context says when it was taken and how long such readings are reused.
  const freshness: Record<string, string | number> =
    source.maxAgeSeconds === undefined
      ? {}
      : { readAt: source.readAt.toISOString(), maxAgeSeconds: source.maxAgeSeconds };

  const timed = pre.untimed.ok ? timedRules(url, pre.untimed) : undefined;
  const listAt = (nowMs: number, skewMs: number): ListContent =>
    timed ? timed(nowMs, skewMs) : (pre.untimed as { content: ListContent }).content;

  const anchorAt = anchorRules({
    url,
    read,
    hashMatches,
    owner,
    accounts,
    freshness,
  });
  return {
    transient,
    verdict: (nowMs, skewMs) => {
      const list = listAt(nowMs, skewMs);
      return { list, anchor: anchorAt(list, nowMs, skewMs) };
    },
  };
}

/** The list's own dates, then its subject: applied at each credential's `now`. */
function timedRules(
  url: string,
  facts: Extract<Untimed, { ok: true }>,
): (nowMs: number, skewMs: number) => ListContent {
  const { list, meta, subject } = facts;
  const validUntil = list.validUntil?.getTime();
  const validFrom = list.validFrom?.getTime();
  const stale: ListContent | undefined = list.validUntil && {
    ok: false,
    code: "STATUS_LIST_STALE",
    message: `The status list at ${url} stopped being valid on ${list.validUntil.toISOString()} and the issuer has not published a fresh one, so the status is unknown.`,
    ...meta,
  };
  const early: ListContent = {
    ok: false,
    code: "STATUS_LIST_INVALID",
    message: `The status list at ${url} is not valid yet.`,
  };
  const usable: ListContent = subject.ok
    ? { ok: true, bits: subject.bits, purposes: subject.purposes, ...meta }
    : subject;
  return (nowMs, skewMs) => {
    if (stale && validUntil !== undefined && nowMs >= validUntil + skewMs) return stale;
    if (validFrom !== undefined && nowMs < validFrom - skewMs) return early;
    return usable;
  };
}

/**
 * The anchor check for a list content at a time. A mismatch is a tamper either way, but the
 * message says which: a list the issuer signed as an older version (a rollback to hide a
 * revocation) or a list that was never anchored at all (edited).
 */
function anchorRules(facts: {
  url: string;
  read: AnchorRead;
  hashMatches: boolean;
  owner: DidResolution | undefined;
  accounts: string[];
  freshness: Record<string, string | number>;
}): (list: ListContent, nowMs: number, skewMs: number) => Check {
  const { url, read, hashMatches, owner, accounts, freshness } = facts;
  if (!read.ok) {
    return () =>
      check("anchor", null, "LEDGER_UNAVAILABLE", read.message, { listUrl: url, ...freshness });
  }
  const { record } = read;
  if (!record) {
    return () =>
      check("anchor", null, "ANCHOR_NOT_FOUND", undefined, { listUrl: url, ...freshness });
  }
  const anchoredAt = record.anchoredAt.toISOString();
  const anchoredAtMs = record.anchoredAt.getTime();
  const until = new Map<Date, string>();
  const iso = (date: Date) => {
    let text = until.get(date);
    if (text === undefined) until.set(date, (text = date.toISOString()));
    return text;
  };
  return (list, nowMs, skewMs) => {
    const withinValidity =
      list.validUntil === undefined || nowMs < list.validUntil.getTime() + skewMs;
    const details = {
      version: record.version,
      anchoredAt,
      anchorAgeSeconds: Math.max(0, Math.round((nowMs - anchoredAtMs) / 1000)),
      listUrl: url,
      listValidUntil: list.validUntil ? iso(list.validUntil) : null,
      withinValidity,
      ...freshness,
    };
    if (!hashMatches) {
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
    if (owner && !owner.ok)
      return notChecked("anchor", owner.code, `the anchor's owner: ${owner.message}`);
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
  };
}

type EntryUrl = { valid: boolean; http: boolean };
const MAX_KNOWN_URLS = 1024;
/** What the entry schema and the http(s) rule say about a list URL: a pure function, memoised. */
const knownUrls = new Map<string, EntryUrl>();

function entryUrl(url: string): EntryUrl {
  let known = knownUrls.get(url);
  if (!known) {
    const valid = bitstringStatusListEntrySchema.shape.statusListCredential.safeParse(url).success;
    known = { valid, http: valid && /^https?:$/.test(new URL(url).protocol) };
    if (knownUrls.size >= MAX_KNOWN_URLS) knownUrls.clear();
    knownUrls.set(url, known);
  }
  return known;
}

const INDEX = /^(0|[1-9][0-9]{0,9})$/;

/**
 * `bitstringStatusListEntrySchema.safeParse`, with a shortcut for the common well-formed entry:
 * the same field rules checked by hand, the URL's verdict memoised (parsing URLs is most of the
 * schema's cost, and a roster's entries share a handful of lists). Anything the shortcut does not
 * accept goes through the schema itself, which is the authority and words the reason.
 * (lib/status/check-status.test.ts holds the two to the same answers.)
 */
export function parseStatusEntry(
  entry: Record<string, unknown>,
): ReturnType<typeof bitstringStatusListEntrySchema.safeParse> {
  const { id, type, statusPurpose, statusListIndex, statusListCredential } = entry;
  if (
    (id === undefined || typeof id === "string") &&
    type === "BitstringStatusListEntry" &&
    (statusPurpose === "revocation" || statusPurpose === "suspension") &&
    typeof statusListIndex === "string" &&
    INDEX.test(statusListIndex) &&
    typeof statusListCredential === "string" &&
    entryUrl(statusListCredential).valid
  ) {
    return {
      success: true,
      data: {
        ...(id === undefined ? {} : { id }),
        type,
        statusPurpose,
        statusListIndex,
        statusListCredential,
      },
    } as ReturnType<typeof bitstringStatusListEntrySchema.safeParse>;
  }
  return bitstringStatusListEntrySchema.safeParse(entry);
}

type EntryOutcome = StatusChecks & { listUrl?: string };
type ParsedEntry = { url: string; statusPurpose: string; statusListIndex: string };

/** A Bitstring entry's fields, or the checks that say why it cannot be used. */
function readBitstringEntry(entry: Record<string, unknown>): ParsedEntry | EntryOutcome {
  const parsed = parseStatusEntry(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = `The status entry's ${issue?.path.join(".") || "content"} is malformed: ${issue?.message}.`;
    return {
      status: check("status", null, "STATUS_ENTRY_INVALID", message),
      anchor: notChecked("anchor", "STATUS_ENTRY_INVALID", message),
    };
  }
  const { statusListCredential: url, statusPurpose, statusListIndex } = parsed.data;
  if (!entryUrl(url).http) {
    const message = `The status list URL ${url} is not http(s).`;
    return {
      status: check("status", null, "STATUS_ENTRY_INVALID", message),
      anchor: notChecked("anchor", "STATUS_ENTRY_INVALID", message),
    };
  }
  return { url, statusPurpose, statusListIndex };
}

/** The entry's status and anchor checks, given the reading of its list. */
function bitstringOutcome(
  { url, statusPurpose, statusListIndex }: ParsedEntry,
  reading: ListReading | { fetchError: string },
): EntryOutcome {
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
}

export const checkBitstringEntry: StatusEntryChecker = async (entry, context) => {
  const parsed = readBitstringEntry(entry);
  if (!("url" in parsed)) return parsed;
  return bitstringOutcome(parsed, await context.readList(parsed.url));
};

/** Status entry types Vitae can check, by `credentialStatus.type`. */
export const statusCheckers: Record<string, StatusEntryChecker> = {
  BitstringStatusListEntry: checkBitstringEntry,
};

/** Fetches a list (through `statusListCache` when there is one) into a fresh source. */
async function readSource(
  url: string,
  deps: CheckStatusDeps,
  sharing?: Sharing,
): Promise<StatusListSource> {
  const readAt = deps.now();
  let fetched = deps.statusListCache?.get(url);
  if (!fetched) {
    fetched = fetchList(url, deps);
    deps.statusListCache?.set(url, fetched);
  }
  return sourceOf(url, readAt, await fetched, sharing);
}

/** The context's reading of a list while it is fresh, or a new one it keeps for its TTL. */
function sharedSource(
  url: string,
  context: VerificationContext,
  deps: CheckStatusDeps,
): Promise<StatusListSource> {
  const now = deps.now().getTime();
  const cached = context.statusLists.get(url);
  if (cached && now < cached.expiresAt) return cached.source;
  context.statusLists.delete(url);

  const entry: CachedStatusList = {
    readAt: now,
    expiresAt: now + context.statusTtlMs,
    source: Promise.resolve({ ok: false, url, readAt: new Date(now), message: "not read yet" }),
  };
  // A failed fetch or ledger read is kept only briefly, so the next check asks again soon.
  const onFailure = () => {
    entry.expiresAt = Math.min(entry.expiresAt, entry.readAt + context.failureTtlMs);
  };
  entry.source = remember(
    readSource(url, deps, {
      maxAgeSeconds: Math.round(context.statusTtlMs / 1000),
      onFailure,
    }),
  );
  void entry.source.catch(onFailure);
  context.statusLists.set(url, entry);
  if (context.statusLists.size > context.maxStatusLists) {
    const oldest = context.statusLists.keys().next().value;
    if (oldest !== undefined) context.statusLists.delete(oldest);
  }
  return entry.source;
}

/** false beats null beats true: one revoked entry or one unknown list decides the whole check. */
function worst(checks: Check[]): Check | undefined {
  return (
    checks.find((c) => c.code === "REVOKED") ??
    checks.find((c) => c.ok === false) ??
    checks.find((c) => c.ok === null)
  );
}

/**
 * The credential's status entries, or the checks that settle the status without reading a list
 * (no entry at all, or too many).
 */
function statusEntries(credential: DecodedCredential): Record<string, unknown>[] | StatusChecks {
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
  return entries;
}

export async function checkStatus(
  credential: DecodedCredential,
  deps: CheckStatusDeps,
): Promise<StatusChecks> {
  const entries = statusEntries(credential);
  if (!Array.isArray(entries)) return entries;

  const skewMs = (deps.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS) * 1000;
  const sources = new Map<string, Promise<StatusListSource>>();
  const context = deps.context && contextServes(deps.context, deps) ? deps.context : undefined;
  const readings = new Map<string, Promise<ListReading | { fetchError: string }>>();
  const readList = (url: string) => {
    let reading = readings.get(url);
    if (!reading) {
      let source = sources.get(url);
      if (!source) {
        source = context ? sharedSource(url, context, deps) : readSource(url, deps);
        sources.set(url, source);
      }
      reading = source.then(async (s) => {
        if (!s.ok) return { fetchError: s.message };
        const verdict = await s.verdict(credential.issuer, deps);
        return verdict(deps.now().getTime(), skewMs);
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
        return Promise.resolve<EntryOutcome>({
          status: check("status", null, "STATUS_TYPE_UNSUPPORTED", message),
          anchor: notChecked("anchor", "STATUS_TYPE_UNSUPPORTED", message),
        });
      }
      return checker(entry, { credential, deps, readList });
    }),
  );
  return combine(outcomes);
}

/**
 * `checkStatus`, answered at once from the verification context's settled readings, or
 * `undefined` when that is not possible (no context; a list not read, still being read or past
 * its TTL; no verdict made yet for this issuer; a status type other than Bitstring). It starts
 * nothing: no fetch, no ledger read, no DID resolution, so it may run on a credential whose
 * signature is still being checked, and the caller keeps the answer only once the signature
 * holds. It gives exactly the answer `checkStatus` would give from the same readings (the
 * time-dependent rules are applied at `now()` here too), without its promise hops.
 */
export function checkCachedStatus(
  credential: DecodedCredential,
  deps: CheckStatusDeps,
): StatusChecks | undefined {
  const entries = statusEntries(credential);
  if (!Array.isArray(entries)) return entries;
  const context = deps.context && contextServes(deps.context, deps) ? deps.context : undefined;
  if (!context) return undefined;
  const nowMs = deps.now().getTime();
  const skewMs = (deps.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS) * 1000;
  const outcomes: EntryOutcome[] = [];
  for (const entry of entries) {
    if (entry.type !== "BitstringStatusListEntry") return undefined;
    const parsed = readBitstringEntry(entry);
    if (!("url" in parsed)) {
      outcomes.push(parsed);
      continue;
    }
    const cached = context.statusLists.get(parsed.url);
    if (!cached || nowMs >= cached.expiresAt) return undefined;
    const source = settledValue(cached.source)?.value;
    if (!source) return undefined;
    if (!source.ok) {
      outcomes.push(bitstringOutcome(parsed, { fetchError: source.message }));
      continue;
    }
    const verdict = source.settledVerdict(credential.issuer);
    if (!verdict) return undefined;
    outcomes.push(bitstringOutcome(parsed, verdict(nowMs, skewMs)));
  }
  return combine(outcomes);
}

/** One status check and one anchor check from each entry's. */
function combine(outcomes: EntryOutcome[]): StatusChecks {
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
