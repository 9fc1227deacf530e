import "server-only";
import type { IIdentifier, IKey, ManagedKeyInfo, TKeyType } from "@veramo/core-types";
import { AbstractDIDStore } from "@veramo/did-manager";
import {
  AbstractKeyStore,
  AbstractPrivateKeyStore,
  type AbstractSecretBox,
  type ImportablePrivateKey,
  type ManagedPrivateKey,
} from "@veramo/key-manager";
import { eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { veramoIdentifiers, veramoKeys, veramoPrivateKeys } from "@/lib/db/schema";

/**
 * Veramo's three stores on our Drizzle database, so issuer keys and DIDs live beside the data
 * they sign (Veramo's own data-store pulls in TypeORM). Private keys are sealed with VITAE_SECRET.
 */

/*
 * Keys never change once stored, so both key stores remember what they read: signing a credential
 * then costs no database round trip and no unsealing (bulk issuance signs thousands in a row).
 * The private key cache lives only in this process's memory, where the unsealed key is anyway
 * while it signs; deleting or re-importing a key drops its entry.
 */

export class DrizzleKeyStore extends AbstractKeyStore {
  private readonly cache = new Map<string, Promise<IKey>>();

  constructor(private readonly db: Db) {
    super();
  }

  async importKey(key: Partial<IKey>): Promise<boolean> {
    if (!key.kid || !key.kms || !key.type || !key.publicKeyHex) {
      throw new Error("A key needs kid, kms, type and publicKeyHex.");
    }
    await this.db
      .insert(veramoKeys)
      .values({
        kid: key.kid,
        kms: key.kms,
        type: key.type,
        publicKeyHex: key.publicKeyHex,
        meta: (key.meta as Record<string, unknown> | undefined) ?? null,
      })
      .onConflictDoNothing();
    return true;
  }

  getKey({ kid }: { kid: string }): Promise<IKey> {
    return remember(this.cache, kid, async () => {
      const [row] = await this.db.select().from(veramoKeys).where(eq(veramoKeys.kid, kid));
      if (!row) throw new Error(`not_found: key ${kid}`);
      return toKey(row);
    });
  }

  async deleteKey({ kid }: { kid: string }): Promise<boolean> {
    this.cache.delete(kid);
    await this.db.delete(veramoKeys).where(eq(veramoKeys.kid, kid));
    return true;
  }

  async listKeys(): Promise<ManagedKeyInfo[]> {
    return (await this.db.select().from(veramoKeys)).map(toKey);
  }
}

function toKey(row: typeof veramoKeys.$inferSelect): IKey {
  return {
    kid: row.kid,
    kms: row.kms,
    type: row.type as TKeyType,
    publicKeyHex: row.publicKeyHex,
    ...(row.meta ? { meta: row.meta } : {}),
  };
}

export class DrizzlePrivateKeyStore extends AbstractPrivateKeyStore {
  private readonly cache = new Map<string, Promise<ManagedPrivateKey>>();

  constructor(
    private readonly db: Db,
    private readonly secretBox: AbstractSecretBox,
  ) {
    super();
  }

  async importKey(args: ImportablePrivateKey): Promise<ManagedPrivateKey> {
    const alias = args.alias ?? randomUUID();
    const sealed = await this.secretBox.encrypt(args.privateKeyHex);
    this.cache.delete(alias);
    await this.db
      .insert(veramoPrivateKeys)
      .values({ alias, type: args.type, sealed })
      .onConflictDoUpdate({ target: veramoPrivateKeys.alias, set: { type: args.type, sealed } });
    return { alias, type: args.type, privateKeyHex: args.privateKeyHex };
  }

  getKey({ alias }: { alias: string }): Promise<ManagedPrivateKey> {
    return remember(this.cache, alias, async () => {
      const [row] = await this.db
        .select()
        .from(veramoPrivateKeys)
        .where(eq(veramoPrivateKeys.alias, alias));
      if (!row) throw new Error(`not_found: private key ${alias}`);
      const privateKeyHex = await this.secretBox.decrypt(row.sealed);
      return { alias, type: row.type as TKeyType, privateKeyHex };
    });
  }

  async deleteKey({ alias }: { alias: string }): Promise<boolean> {
    this.cache.delete(alias);
    await this.db.delete(veramoPrivateKeys).where(eq(veramoPrivateKeys.alias, alias));
    return true;
  }

  async listKeys(): Promise<ManagedPrivateKey[]> {
    // Listing would unseal every key; nothing in Vitae needs it.
    throw new Error("not_supported: listing private keys");
  }
}

export class DrizzleDidStore extends AbstractDIDStore {
  constructor(private readonly db: Db) {
    super();
  }

  async importDID(identifier: IIdentifier): Promise<boolean> {
    const data = JSON.parse(JSON.stringify(identifier)) as Record<string, unknown>;
    await this.db
      .insert(veramoIdentifiers)
      .values({
        did: identifier.did,
        alias: identifier.alias ?? identifier.did,
        provider: identifier.provider,
        data,
      })
      .onConflictDoUpdate({ target: veramoIdentifiers.did, set: { data } });
    return true;
  }

  async getDID(args: { did: string } | { alias: string }): Promise<IIdentifier> {
    const where =
      "did" in args ? eq(veramoIdentifiers.did, args.did) : eq(veramoIdentifiers.alias, args.alias);
    const [row] = await this.db.select().from(veramoIdentifiers).where(where);
    if (!row) throw new Error("Identifier not found");
    return row.data as unknown as IIdentifier;
  }

  async deleteDID({ did }: { did: string }): Promise<boolean> {
    await this.db.delete(veramoIdentifiers).where(eq(veramoIdentifiers.did, did));
    return true;
  }

  async listDIDs(args: { alias?: string; provider?: string }): Promise<IIdentifier[]> {
    const rows = await this.db.select().from(veramoIdentifiers);
    return rows
      .filter((r) => (args.alias ? r.alias === args.alias : true))
      .filter((r) => (args.provider ? r.provider === args.provider : true))
      .map((r) => r.data as unknown as IIdentifier);
  }
}

/** The cached read of `key`, made once; a failed read is forgotten so the next call retries. */
function remember<T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>) {
  let hit = cache.get(key);
  if (!hit) {
    hit = read();
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}
