import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  abiModulePath,
  artifactsDir,
  compileContracts,
  renderAbiModule,
} from "@/scripts/compile-contracts";

// The committed artifacts are what gets deployed and what viem types come from; they must be
// exactly what the pinned compiler makes of the committed sources.
describe("committed contract artifacts", () => {
  const compiled = compileContracts();

  it("compiles every contract, and every committed artifact has a source", () => {
    expect(Object.keys(compiled).sort()).toEqual(["IssuerRegistry", "StatusListAnchor"]);
    const committed = readdirSync(artifactsDir)
      .filter((name) => name.endsWith(".json"))
      .map((name) => name.slice(0, -".json".length))
      .sort();
    expect(committed, "an artifact without a source: delete it").toEqual(
      Object.keys(compiled).sort(),
    );
  });

  it.each(Object.keys(compiled))("%s.json matches its source", (name) => {
    const committed = JSON.parse(readFileSync(path.join(artifactsDir, `${name}.json`), "utf8")) as {
      abi: unknown;
      bytecode: string;
    };
    const fresh = compiled[name]!;
    expect(committed.abi, "ABI is stale: run npm run compile:contracts").toEqual(fresh.abi);
    expect(committed.bytecode, "bytecode is stale: run npm run compile:contracts").toBe(
      fresh.bytecode,
    );
  });

  it("lib/ledger/abi.ts matches the artifacts", async () => {
    expect(readFileSync(abiModulePath, "utf8"), "run npm run compile:contracts").toBe(
      await renderAbiModule(compiled),
    );
  });
});
