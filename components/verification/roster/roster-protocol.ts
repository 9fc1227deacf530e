import type { VerificationCode } from "@/lib/credentials/verification";
import type { RosterErrorCode, RosterStart } from "./schemas";

/**
 * The messages between the roster page and its Web Worker (roster-worker.ts), in one place.
 *
 * page → worker: `start` (the file, the ledger configuration and the trust registry snapshot the
 * page read once), parsed with `rosterStartSchema` on arrival. Cancel is `worker.terminate()`:
 * it stops the work at once, whatever the worker is awaiting.
 *
 * worker → page: `ready` when loaded (the page starts a worker ahead of the file, so its code is
 * compiled before anyone waits on it), `parsed` once (how many entries), then `progress` with the rows finished since
 * the previous message (batched, a few times a second, so the page renders little), then
 * `done`; or `rejected` (the file as a whole is refused, nothing verified) or `failed`.
 */

export type RosterVerdict = "valid" | "invalid" | "unknown";
export type RosterStatus = "active" | "revoked" | "suspended" | "none" | "unknown";
export type RosterKind = "credential" | "presentation" | "unreadable";

/** A roster-level code for a valid row; every other row carries the deciding check's code. */
export type RosterRowCode = VerificationCode | "VERIFIED";

/** One verified entry, flat and small: 10,000 of them cross to the page and into the table. */
export type RosterRow = {
  /** 1-based position among the file's entries. */
  row: number;
  reference: string;
  kind: RosterKind;
  verdict: RosterVerdict;
  /** Why: the check that decided, e.g. REVOKED or SIGNATURE_INVALID; VERIFIED when valid. */
  code: RosterRowCode;
  message: string;
  subjectName: string;
  /** Readable type, e.g. "Medical licence"; several joined for a presentation. */
  type: string;
  issuerName: string;
  issuerDid: string;
  status: RosterStatus;
  credentialId: string;
  /** ISO date, or "". */
  validUntil: string;
};

export type RosterToWorker = RosterStart;

export type RosterFromWorker =
  /** Posted once the worker's code is loaded: the page starts one before a file is chosen. */
  | { type: "ready" }
  | { type: "parsed"; total: number; format: "csv" | "json" }
  | { type: "rejected"; code: RosterErrorCode; message: string }
  | { type: "progress"; done: number; total: number; elapsedMs: number; rows: RosterRow[] }
  | {
      type: "done";
      done: number;
      total: number;
      elapsedMs: number;
      /** Of which reading and parsing the file (the rest is verification). */
      parseMs: number;
      /** What the whole run asked of the outside world: proof that sources were read once. */
      reads: { requests: number; ledgerReads: number };
    }
  | { type: "failed"; message: string };
