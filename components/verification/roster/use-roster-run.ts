"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { PublicLedgerConfig } from "@/lib/env";
import type { TrustSnapshot } from "@/lib/trust/schemas";
import type { RosterFromWorker, RosterRow, RosterToWorker } from "./roster-protocol";

export type RosterPhase =
  "idle" | "reading" | "verifying" | "done" | "cancelled" | "rejected" | "failed";

export type RosterRun = {
  phase: RosterPhase;
  fileName: string;
  total: number;
  done: number;
  elapsedMs: number;
  rows: RosterRow[];
  error?: { code?: string; message: string };
  reads?: { requests: number; ledgerReads: number };
};

function spawn(): Worker {
  return new Worker(new URL("./roster-worker.ts", import.meta.url), { type: "module" });
}

const idle: RosterRun = { phase: "idle", fileName: "", total: 0, done: 0, elapsedMs: 0, rows: [] };

/**
 * Runs a roster in a Web Worker and keeps what the page shows. The main thread only receives
 * the worker's batched messages (a few a second) and appends their rows; all parsing and
 * verification happen in the worker. Cancel terminates the worker, which stops the work at once;
 * the rows finished until then stay.
 */
export function useRosterRun(ledgerConfig: PublicLedgerConfig) {
  const [run, setRun] = useState<RosterRun>(idle);
  const worker = useRef<Worker | null>(null);
  const startedAt = useRef(0);

  // A worker started ahead of the file, so loading and compiling its code (most of a second on a
  // slow machine) is not paid after the user has chosen the file. Replaced after every run.
  const spare = useRef<Worker | null>(null);

  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
    if (!spare.current && typeof Worker !== "undefined") spare.current = spawn();
  }, []);

  useEffect(() => {
    spare.current ??= spawn();
    return () => {
      worker.current?.terminate();
      worker.current = null;
      spare.current?.terminate();
      spare.current = null;
    };
  }, []);

  const start = useCallback(
    (file: File, trust: TrustSnapshot) => {
      worker.current?.terminate();
      const w = spare.current ?? spawn();
      spare.current = null;
      worker.current = w;
      startedAt.current = performance.now();
      setRun({ ...idle, phase: "reading", fileName: file.name });
      w.addEventListener("message", (event: MessageEvent<RosterFromWorker>) => {
        if (worker.current !== w) return;
        const msg = event.data;
        switch (msg.type) {
          case "ready":
            break;
          case "parsed":
            setRun((r) => ({ ...r, phase: "verifying", total: msg.total }));
            break;
          case "progress":
            setRun((r) => ({
              ...r,
              done: msg.done,
              elapsedMs: msg.elapsedMs,
              rows: r.rows.concat(msg.rows),
            }));
            break;
          case "done":
            setRun((r) => ({
              ...r,
              phase: "done",
              done: msg.done,
              elapsedMs: msg.elapsedMs,
              reads: msg.reads,
            }));
            stop();
            break;
          case "rejected":
            setRun((r) => ({
              ...r,
              phase: "rejected",
              error: { code: msg.code, message: msg.message },
            }));
            stop();
            break;
          case "failed":
            setRun((r) => ({ ...r, phase: "failed", error: { message: msg.message } }));
            stop();
            break;
        }
      });
      w.addEventListener("error", (event) => {
        if (worker.current !== w) return;
        setRun((r) => ({
          ...r,
          phase: "failed",
          error: { message: event.message || "The verification worker stopped unexpectedly." },
        }));
        stop();
      });
      const message: RosterToWorker = {
        type: "start",
        file,
        fileName: file.name,
        ledger: ledgerConfig,
        trust,
      };
      w.postMessage(message);
    },
    [ledgerConfig, stop],
  );

  const cancel = useCallback(() => {
    if (!worker.current) return;
    stop();
    setRun((r) => ({
      ...r,
      phase: "cancelled",
      elapsedMs: performance.now() - startedAt.current,
    }));
  }, [stop]);

  const reset = useCallback(() => {
    stop();
    setRun(idle);
  }, [stop]);

  return { run, start, cancel, reset };
}
