import "server-only";
import type { IssuanceServices } from "@/lib/issuance/services";
import { withdrawAccreditation } from "@/lib/ledger/writer";
import { withdrawalReasons } from "@/lib/trust/schemas";
import { governanceWriteConfig } from "./governance-access";
import type { RegistryChange, WithdrawalBody } from "./schemas";

/** Withdraws an issuer's accreditation on chain, with a coded reason; returns the transaction. */
export async function recordWithdrawal(
  svc: IssuanceServices,
  body: WithdrawalBody,
): Promise<RegistryChange> {
  const reason = withdrawalReasons.find((r) => r.id === body.reason)?.code ?? 0;
  const result = await withdrawAccreditation(governanceWriteConfig(svc), { did: body.did, reason });
  return {
    did: body.did,
    txHash: result.txHash,
    blockNumber: Number(result.blockNumber),
    at: result.at.toISOString(),
  };
}
