import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Staff passwords, hashed with scrypt (memory-hard). The stored string carries its own parameters,
 * `scrypt$N$r$p$salt$hash` (salt and hash base64url), so they can be raised later and old hashes
 * still verify. N = 2^15, r = 8 takes 32 MiB and some 50–100 ms per guess on a server core.
 */

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, opts: ScryptOptions, length: number) {
  return new Promise<Buffer>((resolve, reject) => {
    const maxmem = 128 * (opts.N ?? N) * (opts.r ?? R) * 2 + 1024 * 1024;
    scrypt(password.normalize("NFKC"), salt, length, { ...opts, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r: R, p: P }, KEY_LENGTH);
  return ["scrypt", N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Constant-time compare; false (never a throw) for a malformed or foreign hash string. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((v) => Number.isSafeInteger(v) && v > 0)) return false;
  if (params.N > 2 ** 20 || params.r > 32 || params.p > 16) return false;
  const expected = Buffer.from(hash, "base64url");
  if (expected.length < 16) return false;
  const actual = await derive(password, Buffer.from(salt, "base64url"), params, expected.length);
  return timingSafeEqual(actual, expected);
}

/** A hash of nothing anyone knows: sign-in checks it for unknown e-mails, so timing tells nothing. */
let dummy: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString("base64url"));
  return dummy;
}

/** A temporary password for a new staff member: 16 base64url characters (96 bits). */
export function temporaryPassword(): string {
  return randomBytes(12).toString("base64url");
}
