import "server-only";
import { eq } from "drizzle-orm";
import type { CredentialCorrection } from "@/lib/credentials/schemas";
import { credentials } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { SUPERSEDED_REASON } from "./amend-credential";
import type { IssuanceServices } from "./services";

const urn = (id: string) => `urn:uuid:${id}`;

/**
 * The correction chain around one credential, for anyone holding it: the correction that replaced
 * it and when, and the credential it corrects. Public and free of personal data (ids and a date;
 * the amend's free-text reason stays in the audit log). A credential id is an unguessable UUID, so
 * this reveals nothing to someone who does not already hold the credential.
 */
export async function credentialCorrection(
  svc: IssuanceServices,
  credentialId: string,
): Promise<CredentialCorrection> {
  const [row] = await svc.db
    .select({
      id: credentials.id,
      previousId: credentials.previousId,
      status: credentials.status,
      statusReason: credentials.statusReason,
    })
    .from(credentials)
    .where(eq(credentials.id, credentialId));
  if (!row)
    throw new AppError("UNKNOWN_CREDENTIAL", `No credential "${credentialId}" is known here.`);
  // The newest correction of it, should an amend ever have been retried.
  const [next] = await svc.db
    .select({ id: credentials.id, issuedAt: credentials.issuedAt })
    .from(credentials)
    .where(eq(credentials.previousId, row.id))
    .orderBy(credentials.issuedAt)
    .limit(1);
  const superseded = row.status === "revoked" && row.statusReason === SUPERSEDED_REASON;
  return {
    credentialId: urn(row.id),
    ...(next
      ? {
          supersededBy: urn(next.id),
          at: next.issuedAt.toISOString(),
          ...(superseded ? { reason: "superseded" as const } : {}),
        }
      : {}),
    ...(row.previousId ? { supersedes: urn(row.previousId) } : {}),
  };
}
