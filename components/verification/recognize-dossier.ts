import { parseDossierLink } from "@/lib/shares/dossier-crypto";
import type { DossierSource } from "./use-dossier";

/**
 * What the verifier was given, when it is not a single credential: a dossier link
 * (`…/s/<id>#<key>`) or a presentation JWT (a payload with `vp`). Null for anything else, which
 * goes to the credential verifier as before.
 */
export function recognizeDossier(text: string): DossierSource | null {
  const link = parseDossierLink(text);
  if (link) return { kind: "link", link };
  const jwt = text.trim();
  const payload = jwt.split(".")[1];
  if (!payload || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(jwt)) return null;
  try {
    const json: unknown = JSON.parse(
      new TextDecoder().decode(
        Uint8Array.from(atob(payload.replace(/-/g, "+").replace(/_/g, "/")), (c) =>
          c.charCodeAt(0),
        ),
      ),
    );
    return typeof json === "object" && json !== null && "vp" in json ? { kind: "jwt", jwt } : null;
  } catch {
    return null;
  }
}
