import { credentialTitle } from "../describe-credential";
import type { DcqlClaim, DcqlCredentialQuery } from "./schemas";

/**
 * DCQL matching as a wallet does it (OpenID4VP 1.0 §6.4.1 claims path pointers): a credential
 * matches a credential query when its `vc.type` contains every type of one `type_values` entry
 * and, for each claim, the path selects at least one value (one of `values`, when given). The
 * answer says why a credential does not match, so the wallet can show it greyed with a reason.
 */

export type MatchableCredential = {
  /** The `vc` claim: `type` and `credentialSubject` are what DCQL looks at. */
  vc: { type: readonly string[]; credentialSubject: Record<string, unknown> } & Record<
    string,
    unknown
  >;
};

export type DcqlMatch = { matches: true } | { matches: false; reason: string };

/** The values a claims path pointer selects (null selects every element of an array). */
export function selectPath(root: unknown, path: DcqlClaim["path"]): unknown[] {
  let selected: unknown[] = [root];
  for (const step of path) {
    const next: unknown[] = [];
    for (const value of selected) {
      if (step === null) {
        if (Array.isArray(value)) next.push(...value);
      } else if (typeof step === "number") {
        if (Array.isArray(value) && step < value.length) next.push(value[step]);
      } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        if (Object.hasOwn(value, step)) next.push((value as Record<string, unknown>)[step]);
      }
    }
    selected = next;
  }
  return selected;
}

function claimName(claim: DcqlClaim): string {
  const last = [...claim.path].reverse().find((p): p is string => typeof p === "string");
  return claim.id ?? last ?? "a claim";
}

function shown(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function matchDcql(query: DcqlCredentialQuery, credential: MatchableCredential): DcqlMatch {
  const types = credential.vc.type;
  const typeOk = query.meta.type_values.some((set) => set.every((t) => types.includes(t)));
  if (!typeOk) {
    const wanted = query.meta.type_values
      .map((set) => credentialTitle(set.at(-1) ?? "").toLowerCase())
      .join(" or ");
    return { matches: false, reason: `It is not a ${wanted}.` };
  }
  for (const claim of query.claims ?? []) {
    const found = selectPath(credential.vc, claim.path).filter(
      (v) => v !== undefined && v !== null,
    );
    if (found.length === 0) {
      return { matches: false, reason: `It does not state ${claimName(claim)}.` };
    }
    if (claim.values && !found.some((v) => claim.values!.some((w) => w === v))) {
      return {
        matches: false,
        reason: `Its ${claimName(claim)} is ${found.map(shown).join(", ")}, not ${claim.values.map(shown).join(" or ")}.`,
      };
    }
  }
  return { matches: true };
}
