import "server-only";
import { createAgent, type IDIDManager, type IKeyManager, type TAgent } from "@veramo/core";
import { DIDManager } from "@veramo/did-manager";
import { WebDIDProvider } from "@veramo/did-provider-web";
import { KeyManager } from "@veramo/key-manager";
import { KeyManagementSystem, SecretBox } from "@veramo/kms-local";
import type { Db } from "@/lib/db/client";
import { DrizzleDidStore, DrizzleKeyStore, DrizzlePrivateKeyStore } from "./veramo-stores";

/**
 * The Veramo agent that holds issuer keys and did:web identifiers. It is the only place issuer
 * private keys are unsealed, and it never leaves the server (Veramo is kept out of client
 * bundles: nothing under app/ or components/ imports lib/issuance from a client component).
 */
export type IssuerAgent = TAgent<IKeyManager & IDIDManager>;

/**
 * Reads a managed private key out of the agent's own store (Veramo keeps managing it: creation,
 * sealing, rotation). Only sign-jwt-vc.ts uses it, to sign thousands of credentials in a row
 * without Veramo's per-call overhead.
 */
export type ManagedKeyReader = (kid: string) => Promise<{ type: string; privateKeyHex: string }>;

export function createIssuerAgent(
  db: Db,
  secret: string,
): { agent: IssuerAgent; readPrivateKey: ManagedKeyReader } {
  const privateKeys = new DrizzlePrivateKeyStore(db, new SecretBox(secret));
  const agent = createAgent<IKeyManager & IDIDManager>({
    plugins: [
      new KeyManager({
        store: new DrizzleKeyStore(db),
        kms: { local: new KeyManagementSystem(privateKeys) },
      }),
      new DIDManager({
        store: new DrizzleDidStore(db),
        defaultProvider: "did:web",
        providers: { "did:web": new WebDIDProvider({ defaultKms: "local" }) },
      }),
    ],
  });
  // kms-local stores each private key under its kid.
  return { agent, readPrivateKey: (kid) => privateKeys.getKey({ alias: kid }) };
}
