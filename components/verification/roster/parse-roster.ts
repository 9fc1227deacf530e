import { rosterCsv } from "./roster-csv";
import {
  ROSTER_MAX_BYTES,
  ROSTER_MAX_ENTRIES,
  rosterErrorCodes,
  rosterJsonSchema,
  type RosterEntry,
  type RosterErrorCode,
} from "./schemas";

/**
 * Reads an uploaded roster: CSV (one credential, presentation or `VITAE1:` QR text per row,
 * optionally with a header naming a `credential` and a `reference` column) or JSON (an array of
 * strings or of `{ reference?, credential }`). The file is refused whole, with a specific code,
 * when it cannot be read or holds more than ROSTER_MAX_ENTRIES entries: nothing is verified.
 *
 * What each entry holds is not judged here; an entry that is not a credential gets its own
 * reason in the result table, like any other failure.
 */

export type ParsedRoster =
  | { ok: true; format: "csv" | "json"; entries: RosterEntry[] }
  | { ok: false; code: RosterErrorCode; message: string };

const CREDENTIAL_HEADERS = ["credential", "jwt", "presentation", "vp", "vc", "qr", "token"];
const REFERENCE_HEADERS = ["reference", "ref", "id", "name", "staff_id", "employee_id"];

function refuse(code: RosterErrorCode, message: string = rosterErrorCodes[code]): ParsedRoster {
  return { ok: false, code, message };
}

const looksLikeCredential = (cell: string) => {
  const t = cell.trim();
  return t.startsWith("eyJ") || /^VITAE1:/i.test(t) || /eyJ[\w-]*\.[\w-]+\./.test(t);
};

function tooMany(count: string) {
  return refuse(
    "ROSTER_TOO_MANY_ENTRIES",
    `The file holds ${count} entries; at most ${ROSTER_MAX_ENTRIES.toLocaleString("en-GB")} can be verified at once. Split it into smaller files.`,
  );
}

function fromJson(text: string): ParsedRoster {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? ` (${error.message})` : "";
    return refuse("ROSTER_INVALID_JSON", `The file is not valid JSON${why}.`);
  }
  if (Array.isArray(value) && value.length > ROSTER_MAX_ENTRIES) {
    return tooMany(value.length.toLocaleString("en-GB"));
  }
  const parsed = rosterJsonSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue && issue.path.length > 0 ? ` (at ${issue.path.join(".")})` : "";
    return refuse(
      "ROSTER_INVALID_SHAPE",
      `The JSON must be an array of credential strings, or of objects with a "credential" string and an optional "reference"${at}.`,
    );
  }
  const entries: RosterEntry[] = parsed.data.map((item) =>
    typeof item === "string"
      ? { reference: "", text: item }
      : {
          reference: item.reference === undefined ? "" : String(item.reference),
          text: item.credential,
        },
  );
  return entries.length === 0 ? refuse("ROSTER_EMPTY") : { ok: true, format: "json", entries };
}

function fromCsv(text: string): ParsedRoster {
  const parsed = rosterCsv.parse(text, ROSTER_MAX_ENTRIES + 1);
  if (!parsed.ok) return refuse("ROSTER_INVALID_CSV", `The CSV is malformed: ${parsed.message}`);
  const { rows } = parsed;
  if (rows.length === 0) return refuse("ROSTER_EMPTY");
  const first = rows[0]!;
  const hasHeader = !first.some(looksLikeCredential);
  let credentialCol = 0;
  let referenceCol = -1;
  if (hasHeader) {
    const names = first.map((h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, "_"),
    );
    credentialCol = names.findIndex((h) => CREDENTIAL_HEADERS.includes(h));
    referenceCol = names.findIndex((h) => REFERENCE_HEADERS.includes(h));
    if (credentialCol < 0) {
      // No recognised header: take the column whose first value looks like a credential.
      credentialCol = (rows[1] ?? []).findIndex(looksLikeCredential);
    }
    if (credentialCol < 0) {
      return refuse(
        "ROSTER_NO_CREDENTIAL_COLUMN",
        `No column holds credentials. Name it "credential" (and optionally add a "reference" column), or put one credential per line without a header.`,
      );
    }
  } else if (first.length > 1) {
    credentialCol = first.findIndex(looksLikeCredential);
    referenceCol = credentialCol === 0 ? 1 : 0;
  }
  const data = hasHeader ? rows.slice(1) : rows;
  if (data.length > ROSTER_MAX_ENTRIES || parsed.truncated) {
    return tooMany(`more than ${ROSTER_MAX_ENTRIES.toLocaleString("en-GB")}`);
  }
  if (data.length === 0) return refuse("ROSTER_EMPTY");
  const entries = data.map((r) => ({
    reference: referenceCol >= 0 ? (r[referenceCol] ?? "").trim() : "",
    text: r[credentialCol] ?? "",
  }));
  return { ok: true, format: "csv", entries };
}

/** Parses the file's bytes; `fileName` only decides between JSON and CSV with the content. */
export function parseRoster(bytes: Uint8Array, fileName: string): ParsedRoster {
  if (bytes.length > ROSTER_MAX_BYTES) {
    return refuse(
      "ROSTER_TOO_LARGE",
      `The file is ${(bytes.length / 1048576).toFixed(1)} MB; a roster may be at most ${ROSTER_MAX_BYTES / 1048576} MB.`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return refuse(
      "ROSTER_NOT_UTF8",
      "The file is not UTF-8 text (perhaps a spreadsheet or another encoding). Save it as CSV UTF-8 or JSON.",
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes("\u0000")) {
    return refuse("ROSTER_NOT_UTF8", "The file is not a text file. Upload a CSV or JSON file.");
  }
  if (text.trim() === "") return refuse("ROSTER_EMPTY");
  const json = /\.json$/i.test(fileName) || /^\s*[[{]/.test(text);
  return json ? fromJson(text) : fromCsv(text);
}
