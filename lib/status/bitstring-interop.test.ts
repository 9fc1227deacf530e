import { decodeList, createList } from "@digitalbazaar/vc-bitstring-status-list";
import { describe, expect, it } from "vitest";
import { createBitstring, decodeBitstring, encodeBitstring, getBit, setBit } from "./bitstring";

/**
 * Bitstring Status List v1.0 interop: a list Vitae encodes decodes with Digital Bazaar's reference
 * implementation, bit for bit, and the reverse. Both ends use the spec's bit order (index 0 is the
 * most significant bit of the first byte), GZIP and multibase base64url ("u").
 */

const SIZE = 131_072;

function randomIndexes(count: number, seed: number): number[] {
  const out = new Set<number>();
  let x = seed;
  while (out.size < count) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.add(x % SIZE);
  }
  return [...out];
}

describe("interop with @digitalbazaar/vc-bitstring-status-list", () => {
  it("decodes Vitae's encodedList with the reference implementation", async () => {
    const set = [0, 7, 8, SIZE - 1, ...randomIndexes(500, 1)];
    const bits = createBitstring(SIZE);
    for (const i of set) setBit(bits, i, true);

    const theirs = await decodeList({ encodedList: encodeBitstring(bits) });
    expect(theirs.length).toBe(SIZE);
    const wanted = new Set(set);
    const mismatches = randomIndexes(5_000, 2)
      .concat(set)
      .filter((i) => theirs.getStatus(i) !== wanted.has(i));
    expect(mismatches).toEqual([]);
  });

  it("decodes the reference implementation's encodedList with Vitae's", async () => {
    const set = [1, 6, 9, SIZE - 2, ...randomIndexes(500, 3)];
    const list = await createList({ length: SIZE });
    for (const i of set) list.setStatus(i, true);

    const ours = decodeBitstring(await list.encode());
    expect(ours.length * 8).toBe(SIZE);
    const wanted = new Set(set);
    const mismatches = randomIndexes(5_000, 4)
      .concat(set)
      .filter((i) => getBit(ours, i) !== wanted.has(i));
    expect(mismatches).toEqual([]);
  });
});
