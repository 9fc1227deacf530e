/**
 * JSON.parse with a nesting limit. Credentials and DID documents come from strangers; a payload of
 * 30 000 `[` is valid JSON that costs every consumer downstream (zod, the UI's tree rendering) a
 * deep recursion. Scanning once before parsing keeps the limit independent of the engine.
 */

export const MAX_JSON_DEPTH = 32;

export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJson(text: string, maxDepth: number = MAX_JSON_DEPTH): ParsedJson {
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
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: `not valid JSON (${(err as Error).message})` };
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
