import { z } from "zod";
import { trustSnapshotSchema } from "@/lib/trust/schemas";

/**
 * The roster's edges, parsed with zod: the uploaded JSON file, and the messages that cross
 * between the page and its Web Worker (see roster-protocol.ts for the full protocol).
 */

/** At most this many credentials or presentations in one roster. */
export const ROSTER_MAX_ENTRIES = 10_000;
/** A presentation may be 128 KiB; 10,000 of those would not fit in memory anyway. */
export const ROSTER_MAX_BYTES = 64 * 1024 * 1024;

const entryText = z.string().max(1024 * 1024);
const referenceText = z.string().max(200);

/** JSON rosters: an array of strings, or of `{ reference?, credential }` objects. */
export const rosterJsonSchema = z.union([
  z.array(entryText),
  z.array(
    z.object({
      reference: z.union([referenceText, z.number()]).optional(),
      credential: entryText,
    }),
  ),
]);

export type RosterEntry = { reference: string; text: string };

export const rosterErrorCodes = {
  ROSTER_EMPTY: "The file holds no credentials.",
  ROSTER_TOO_LARGE: "The file is larger than the roster limit.",
  ROSTER_TOO_MANY_ENTRIES: "The file holds more entries than one roster may verify.",
  ROSTER_NOT_UTF8: "The file is not UTF-8 text.",
  ROSTER_INVALID_JSON: "The file is not valid JSON.",
  ROSTER_INVALID_SHAPE: "The JSON is not a list of credentials.",
  ROSTER_NO_CREDENTIAL_COLUMN: "No column of the CSV holds credentials.",
  ROSTER_INVALID_CSV: "The CSV is malformed.",
} as const;

export type RosterErrorCode = keyof typeof rosterErrorCodes;

export const ledgerConfigSchema = z.object({
  rpcUrl: z.string(),
  chainId: z.number().int(),
  contractAddress: z.templateLiteral(["0x", z.string()]),
  registryAddress: z.templateLiteral(["0x", z.string()]),
});

export const rosterStartSchema = z.object({
  type: z.literal("start"),
  file: z.instanceof(Blob),
  fileName: z.string(),
  ledger: ledgerConfigSchema,
  trust: trustSnapshotSchema,
  /** Credentials verified concurrently; the default suits WebCrypto's queue. */
  concurrency: z.number().int().min(1).max(1000).optional(),
});

export type RosterStart = z.infer<typeof rosterStartSchema>;
