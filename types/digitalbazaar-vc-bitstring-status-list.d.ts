// The parts of @digitalbazaar/vc-bitstring-status-list (plain JS, no types) the interop test uses.
declare module "@digitalbazaar/vc-bitstring-status-list" {
  export class BitstringStatusList {
    readonly length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createList(opts: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(opts: { encodedList: string }): Promise<BitstringStatusList>;
}
