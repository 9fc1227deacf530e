import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError, isAppError } from "@/lib/errors";

/**
 * The few things every route handler does the same way: read a bounded JSON body, parse it with
 * zod, and turn an AppError into `{ error: { code, message, fields? } }` with its status. Anything
 * unexpected becomes a 500 without internals (and is logged without request data).
 */

const MAX_BODY_BYTES = 256 * 1024;

export async function parseJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
): Promise<z.infer<S>> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
    );
  }
  let raw: unknown;
  try {
    raw = text.length === 0 ? undefined : JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  return parseInput(schema, raw, "The request body is not valid.");
}

export function parseInput<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  message: string,
): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "(body)";
      (fields[key] ??= []).push(issue.message);
    }
    throw new AppError("VALIDATION_FAILED", message, fields);
  }
  return parsed.data;
}

export function errorResponse(err: unknown): NextResponse {
  if (isAppError(err)) return NextResponse.json(err.toJSON(), { status: err.status });
  console.error("[vitae] unexpected error:", err instanceof Error ? err.message : "unknown");
  return NextResponse.json(
    { error: { code: "INTERNAL", message: "Something went wrong on our side." } },
    { status: 500 },
  );
}

/** Wraps a handler so that thrown AppErrors become JSON error responses. */
export function handle<C>(fn: (req: Request, ctx: C) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      return await fn(req, ctx);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
