import { decryptDossier, type DossierLink } from "@/lib/shares/dossier-crypto";
import { openedShareSchema, shareRefusalCodes, type ShareRefusalCode } from "@/lib/shares/schemas";

/**
 * Fetches a dossier's ciphertext (the server counts this as one view) and decrypts it with the
 * key from the link's fragment, which never leaves this browser. Every way it can fail is an
 * outcome the page words plainly, never an exception.
 */

export type OpenedDossier =
  | {
      kind: "opened";
      presentation: string;
      expiresAt: string;
      views: number;
      maxViews: number;
    }
  | { kind: "refused"; code: ShareRefusalCode; message: string }
  | { kind: "incomplete" }
  | { kind: "unreadable"; message: string }
  | { kind: "unreachable"; message: string };

export async function openDossier(
  link: DossierLink,
  fetchFn: typeof fetch = fetch,
): Promise<OpenedDossier> {
  if (!link.key) return { kind: "incomplete" };
  let res: Response;
  try {
    res = await fetchFn(`${link.origin}/api/v1/shares/${link.id}`, {
      cache: "no-store",
      referrerPolicy: "no-referrer",
    });
  } catch {
    return {
      kind: "unreachable",
      message: `The server that holds this dossier (${link.origin}) could not be reached.`,
    };
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = shareRefusalCodes.find((c) => c === error?.code);
    if (code) return { kind: "refused", code, message: String(error?.message ?? "") };
    return {
      kind: "unreachable",
      message: `The server that holds this dossier answered ${res.status}.`,
    };
  }
  const parsed = openedShareSchema.safeParse(body);
  if (!parsed.success) {
    return { kind: "unreachable", message: "The server answered something that is not a dossier." };
  }
  const opened = await decryptDossier(link.id, link.key, parsed.data.ciphertext);
  if (!opened.ok) return { kind: "unreadable", message: opened.message };
  return {
    kind: "opened",
    presentation: opened.text,
    expiresAt: parsed.data.expiresAt,
    views: parsed.data.views,
    maxViews: parsed.data.maxViews,
  };
}
