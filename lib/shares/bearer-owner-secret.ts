import "server-only";
import { AppError } from "@/lib/errors";
import { ownerSecretSchema } from "./schemas";

/** `Authorization: Bearer <owner secret>`, parsed like any other input. */
export function bearerOwnerSecret(req: Request): string {
  const secret = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  if (!secret || !ownerSecretSchema.safeParse(secret).success) {
    throw new AppError(
      "UNAUTHORIZED",
      "Send the share's owner secret as `Authorization: Bearer <secret>`.",
    );
  }
  return secret;
}
