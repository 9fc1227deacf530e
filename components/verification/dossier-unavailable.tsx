import { testIds } from "@/lib/test-ids";
import { Icon } from "./icon";
import type { OpenedDossier } from "./open-dossier";

type Unavailable = Exclude<OpenedDossier, { kind: "opened" }>;

const words: Record<string, { title: string; body: string }> = {
  SHARE_REVOKED: {
    title: "This dossier has been withdrawn",
    body: "The doctor who shared it has revoked the link, so it can no longer be opened. If you still need their credentials, ask them for a new link.",
  },
  SHARE_EXPIRED: {
    title: "This link has expired",
    body: "The doctor shared this dossier for a limited time, and that time is up. Ask them for a new link if you still need it.",
  },
  SHARE_EXHAUSTED: {
    title: "This link has been used up",
    body: "The doctor allowed this dossier to be opened a set number of times, and it has been. Ask them for a new link if you still need it.",
  },
  SHARE_NOT_FOUND: {
    title: "There is no dossier at this link",
    body: "Check that the whole link was copied. If it was, the dossier no longer exists here; ask the doctor for a new link.",
  },
  incomplete: {
    title: "This link is incomplete",
    body: "A dossier link ends with a long key after a “#”, which opens the dossier in your browser. It is missing or cut short here: copy the whole link again. Nothing was opened.",
  },
  unreadable: {
    title: "This dossier cannot be opened",
    body: "The key in the link does not open the stored dossier. The link may have been changed, or the stored copy altered. Ask the doctor to share it again.",
  },
  unreachable: {
    title: "The dossier could not be fetched",
    body: "Try again in a moment.",
  },
};

/** A clear page for a link that does not open, in words a receptionist can act on. */
export function DossierUnavailable({ outcome }: { outcome: Unavailable }) {
  const key = outcome.kind === "refused" ? outcome.code : outcome.kind;
  const { title, body } = words[key] ?? words.unreachable!;
  const detail = outcome.kind === "unreachable" ? outcome.message : null;
  return (
    <div
      role="status"
      data-testid={testIds.dossier.refused}
      data-reason={key}
      className="flex gap-4 rounded-lg border border-slate-300 bg-white p-6 shadow-sm"
    >
      <Icon
        name={key === "unreadable" ? "fail" : "unknown"}
        className="mt-0.5 size-8 shrink-0 text-slate-500"
      />
      <div className="min-w-0 space-y-2">
        <h2 className="text-xl font-semibold text-slate-900">{title}</h2>
        {detail ? <p className="text-sm text-slate-700">{detail}</p> : null}
        <p className="text-sm text-slate-700">{body}</p>
      </div>
    </div>
  );
}
