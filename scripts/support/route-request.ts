import { afterAll, beforeAll } from "vitest";
import type { IssuanceServices } from "@/lib/issuance/services";
import { startTestChain, startTestServices, type TestChain } from "./test-stack";

/**
 * Route handlers called directly in Vitest, on the real stack: a fresh anvil and PGlite from
 * test-stack.ts handed to the handlers' getServices(), a Request built the way a browser or API
 * client sends it, and a session cookie from the real sign-in route.
 */

type ServicesHolder = { promise?: Promise<IssuanceServices> };
// The holder lib/issuance/services.ts keeps on globalThis; getServices() answers from it.
const holder = globalThis as { __vitaeServices?: ServicesHolder };

export type RouteTestStack = { readonly chain: TestChain; readonly svc: IssuanceServices };

/**
 * Starts anvil and PGlite before the file's tests, makes the route handlers use them, and stops
 * both after. Call at the top of a test file; read `svc` inside tests and hooks.
 */
export function startRouteTestStack(): RouteTestStack {
  let started: { chain: TestChain; svc: IssuanceServices; close: () => Promise<void> } | undefined;
  beforeAll(async () => {
    const chain = await startTestChain();
    const { svc, db } = await startTestServices(chain);
    started = { chain, svc, close: db.close };
    (holder.__vitaeServices ??= {}).promise = Promise.resolve(svc);
  });
  afterAll(async () => {
    if (holder.__vitaeServices) holder.__vitaeServices.promise = undefined;
    await started?.close();
    await started?.chain.stop();
  });
  const get = () => {
    if (!started) throw new Error("the route test stack is started in beforeAll");
    return started;
  };
  return {
    get chain() {
      return get().chain;
    },
    get svc() {
      return get().svc;
    },
  };
}

export type RouteHandler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export type RouteRequestInit = {
  /** GET without a body, POST with one, unless given. */
  method?: string;
  /** http://localhost/api unless given; `query` is appended to it. */
  url?: string;
  query?: string;
  /** Who calls: the session cookie from `signInSession(…).auth`, or `bearer(key)`. */
  auth?: HeadersInit;
  /** A string is sent as it is (a form, or deliberately broken JSON); anything else as JSON. */
  body?: unknown;
  /** The body's content type; JSON unless given. */
  contentType?: string;
};

export function routeRequest(init: RouteRequestInit = {}): Request {
  const headers = new Headers(init.auth);
  const body =
    init.body === undefined
      ? undefined
      : typeof init.body === "string"
        ? init.body
        : JSON.stringify(init.body);
  if (body !== undefined) headers.set("content-type", init.contentType ?? "application/json");
  return new Request(`${init.url ?? "http://localhost/api"}${init.query ?? ""}`, {
    method: init.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
}

// Each route answers its own shape; the tests' assertions say what it must hold.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RouteAnswer<T = any> = { status: number; headers: Headers; json: T };

/** Calls `handler` with `params` as Next would; `json` is the parsed body, null when empty. */
export async function callRoute<P>(
  handler: RouteHandler<P>,
  params: P,
  init: RouteRequestInit = {},
): Promise<RouteAnswer> {
  const res = await handler(routeRequest(init), { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

export const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

/**
 * Signs in through the session route (POST /api/v1/session). `setCookie` is the answer's whole
 * Set-Cookie header, for asserting its attributes; `auth` carries just the cookie back.
 */
export async function signInSession(
  signIn: RouteHandler<object>,
  credentials: { issuer: string; email: string; password: string },
): Promise<RouteAnswer & { setCookie: string; auth: Headers }> {
  const answer = await callRoute(signIn, {}, { method: "POST", body: credentials });
  const setCookie = answer.headers.get("set-cookie") ?? "";
  return { ...answer, setCookie, auth: new Headers({ cookie: setCookie.split(";")[0]! }) };
}
