import { existsSync, readFileSync } from "node:fs";

/**
 * The environment the stack runs with: `.env.example`'s development values, then `.env`, then
 * the real environment on top. Values set in the shell always win.
 */
export function loadEnv(root = process.cwd()): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const file of [".env.example", ".env"]) {
    const path = `${root}/${file}`;
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, "utf8").split("\n")) {
      const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (m?.[1] && m[2] !== undefined) merged[m[1]] = m[2].replace(/^(['"])(.*)\1$/, "$2");
    }
  }
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) merged[k] = v;
  return merged;
}
