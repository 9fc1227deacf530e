import "server-only";
import { createHash } from "node:crypto";

/** API keys and claim tokens are stored only as their SHA-256: a leaked table grants nothing. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
