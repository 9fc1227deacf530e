import { credentialTitle } from "@/lib/credentials/describe-credential";
import { isoString } from "@/lib/credentials/iso-string";
import type { DecodedCredential } from "@/lib/credentials/schemas";
import type { Check, VerificationResult } from "@/lib/credentials/verification";
import { verifyCredential, type VerifyCredentialDeps } from "@/lib/credentials/verify-credential";
import {
  verifyPresentation,
  type PresentationVerificationResult,
} from "@/lib/credentials/verify-presentation";
import { extractCredentialWithReason } from "../extract-credential";
import { verdictOf } from "../verdict-of";
import type { RosterRow, RosterStatus, RosterVerdict } from "./roster-protocol";
import type { RosterEntry } from "./schemas";

/**
 * Verifies a roster's entries with the universal core, all through ONE set of deps (one DID
 * resolver, one verification context), so each issuer's DID document, each status list and each
 * anchor is read once for the whole run however many rows share them. Runs in the roster's Web
 * Worker in the browser and in Node tests alike.
 *
 * Entries are verified `concurrency` at a time (a pool, not batches: a slow row never holds the
 * others back), and finished rows are handed to `onRows` at most every `progressIntervalMs`, so
 * the page renders a few times a second rather than 10,000 times.
 */

export type VerifyRosterOptions = {
  concurrency?: number;
  progressIntervalMs?: number;
  onRows?: (rows: RosterRow[], done: number) => void;
  /** Stops taking new entries; rows already started still finish. */
  signal?: AbortSignal;
};

const VALID_MESSAGE =
  "All checks passed: issuer signature, validity period, status, ledger anchor and accreditation.";

type Described = Pick<
  RosterRow,
  "subjectName" | "type" | "issuerName" | "issuerDid" | "credentialId" | "validUntil"
>;

const nothingDescribed: Described = {
  subjectName: "",
  type: "",
  issuerName: "",
  issuerDid: "",
  credentialId: "",
  validUntil: "",
};

/**
 * Only what the table shows, read straight from the decoded credential: the full describer
 * (every field of every type, formatted) is the report's job, and would cost more per row than
 * the signature check.
 */
function describe(result: VerificationResult<DecodedCredential>): Described {
  const credential = result.credential;
  if (!credential) return nothingDescribed;
  const name = credential.vc.credentialSubject.name;
  const trust = result.checks.find((c) => c.id === "trust")?.details;
  const issuerName = trust?.issuerName ?? trust?.name;
  return {
    subjectName: typeof name === "string" ? name.trim() : "",
    type: credentialTitle(credential.type),
    issuerName: typeof issuerName === "string" ? issuerName : "",
    issuerDid: credential.issuer,
    credentialId: credential.id ?? "",
    validUntil: credential.validUntil ? isoString(credential.validUntil).slice(0, 10) : "",
  };
}

type Decision = Pick<RosterRow, "verdict" | "code" | "message" | "status">;

function decideCredential(result: VerificationResult): Decision {
  const outcome = verdictOf(result);
  const statusCheck = result.checks.find((c) => c.id === "status");
  let status: RosterStatus = "unknown";
  if (outcome === "revoked" || outcome === "suspended") status = outcome;
  else if (statusCheck?.ok === true)
    status = statusCheck.code === "STATUS_NONE" ? "none" : "active";
  if (outcome === "valid")
    return { verdict: "valid", code: "VERIFIED", message: VALID_MESSAGE, status };
  const deciding: Check | undefined =
    outcome === "revoked" || outcome === "suspended"
      ? statusCheck
      : outcome === "invalid"
        ? result.checks.find((c) => c.ok === false)
        : result.checks.find((c) => c.ok === null);
  const verdict: RosterVerdict = outcome === "unknown" ? "unknown" : "invalid";
  return {
    verdict,
    code: deciding?.code ?? "MALFORMED_JWT",
    message: deciding?.message ?? "The credential could not be verified.",
    status,
  };
}

function presentationRow(result: PresentationVerificationResult): Decision & Described {
  const embedded = result.credentials.map((c) => ({ result: c, decision: decideCredential(c) }));
  const first = embedded[0];
  const described = first ? describe(first.result) : nothingDescribed;
  const types = [...new Set(embedded.map((e) => describe(e.result).type).filter(Boolean))];
  const statuses = embedded.map((e) => e.decision.status);
  const status: RosterStatus = statuses.includes("revoked")
    ? "revoked"
    : statuses.includes("suspended")
      ? "suspended"
      : statuses.length > 0 && statuses.every((s) => s === "active" || s === "none")
        ? "active"
        : "unknown";
  const base = { ...described, type: types.join(", "), status };
  if (result.verified)
    return { ...base, verdict: "valid", code: "VERIFIED", message: VALID_MESSAGE };
  const failed = result.checks.find((c) => c.ok === false);
  const deciding = failed ?? result.checks.find((c) => c.ok === null);
  const verdict: RosterVerdict = failed ? "invalid" : "unknown";
  if (deciding?.id === "credentials") {
    // Name the embedded credential that failed, with its own reason.
    const at = embedded.findIndex((e) => e.decision.verdict !== "valid");
    const culprit = embedded[at];
    if (culprit) {
      return {
        ...base,
        verdict,
        code: culprit.decision.code,
        message: `Credential ${at + 1} of ${embedded.length} in the presentation: ${culprit.decision.message}`,
      };
    }
  }
  return {
    ...base,
    verdict,
    code: deciding?.code ?? "MALFORMED_JWT",
    message: `The presentation: ${deciding?.message ?? "it could not be verified."}`,
  };
}

/** Verifies one entry; never throws (an unexpected error is a "cannot be checked" row). */
export async function verifyRosterEntry(
  entry: RosterEntry,
  row: number,
  deps: VerifyCredentialDeps,
): Promise<RosterRow> {
  const head = { row, reference: entry.reference };
  const text = entry.text.trim();
  if (text === "") {
    return {
      ...head,
      ...nothingDescribed,
      kind: "unreadable",
      verdict: "invalid",
      code: "MALFORMED_JWT",
      message: "This row is empty.",
      status: "unknown",
    };
  }
  const extracted = extractCredentialWithReason(text);
  if (extracted.jwt === null && extracted.reason) {
    return {
      ...head,
      ...nothingDescribed,
      kind: "unreadable",
      verdict: "invalid",
      code: "MALFORMED_JWT",
      message: `The QR text cannot be read: ${extracted.reason}`,
      status: "unknown",
    };
  }
  // Anything else that is not a JWT goes to the core, which names what is wrong with it.
  const jwt = extracted.jwt ?? text;
  try {
    const result = await verifyCredential(jwt, deps);
    const format = result.checks[0];
    // A presentation is not a credential, and may be larger than one (up to 128 KiB).
    if (format?.code === "NOT_A_CREDENTIAL" || format?.code === "INPUT_TOO_LARGE") {
      const presentation = await verifyPresentation(jwt, {}, deps);
      if (presentation.checks[0]?.ok === true) {
        return { ...head, kind: "presentation", ...presentationRow(presentation) };
      }
    }
    const kind = format?.ok === true ? "credential" : "unreadable";
    return { ...head, kind, ...describe(result), ...decideCredential(result) };
  } catch (error) {
    return {
      ...head,
      ...nothingDescribed,
      kind: "unreadable",
      verdict: "unknown",
      code: "MALFORMED_JWT",
      message: `This entry could not be checked: ${error instanceof Error ? error.message : "unexpected error"}.`,
      status: "unknown",
    };
  }
}

export async function verifyRoster(
  entries: readonly RosterEntry[],
  deps: VerifyCredentialDeps,
  options: VerifyRosterOptions = {},
): Promise<RosterRow[]> {
  const concurrency = Math.max(1, options.concurrency ?? 64);
  const interval = options.progressIntervalMs ?? 100;
  const rows: RosterRow[] = new Array<RosterRow>(entries.length);
  let pending: RosterRow[] = [];
  let done = 0;
  let next = 0;
  let lastEmit = performance.now();
  const emit = () => {
    if (!options.onRows || pending.length === 0) return;
    const out = pending;
    pending = [];
    lastEmit = performance.now();
    options.onRows(out, done);
  };
  const lane = async () => {
    while (next < entries.length && !options.signal?.aborted) {
      const i = next++;
      const row = await verifyRosterEntry(entries[i]!, i + 1, deps);
      rows[i] = row;
      pending.push(row);
      done++;
      if (performance.now() - lastEmit >= interval) emit();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, entries.length) }, lane));
  emit();
  return options.signal?.aborted ? rows.filter(Boolean) : rows;
}
