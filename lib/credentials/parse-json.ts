/**
 * JSON.parse with a nesting limit. Credentials and DID documents come from strangers; a payload of
 * 30 000 `[` is valid JSON that costs every consumer downstream (zod, the UI's tree rendering) a
 * deep recursion. Scanning once before parsing keeps the limit independent of the engine.
 */

export const MAX_JSON_DEPTH = 32;

export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

/** Whether `text` holds at most `limit` of `{` and `[` together (then it cannot nest deeper). */
function fewOpenings(text: string, limit: number): boolean {
  let count = 0;
  for (const opening of ["{", "["]) {
    for (let i = text.indexOf(opening); i !== -1; i = text.indexOf(opening, i + 1)) {
      if (++count > limit) return false;
    }
  }
  return true;
}

export function parseJson(text: string, maxDepth: number = MAX_JSON_DEPTH): ParsedJson {
  // Typical documents open far fewer brackets than the limit: native searches settle it.
  if (!fewOpenings(text, maxDepth)) {
    const deep = scanDepth(text, maxDepth);
    if (deep) return deep;
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: `not valid JSON (${(err as Error).message})` };
  }
}

function scanDepth(text: string, maxDepth: number): ParsedJson | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth)
        return { ok: false, message: `JSON is nested deeper than ${maxDepth} levels` };
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return null;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
