/** Every TanStack Query key in the app comes from here, so invalidation is greppable. */
export const queryKeys = {
  issuers: () => ["issuers"] as const,
  /** Prefix of every trust-registry query: invalidated after a governance change. */
  trustRegistryAll: () => ["trust-registry"] as const,
  /** A TrustSnapshot read from the IssuerRegistry on chain. */
  trustRegistry: (chainId: number, address: string) =>
    ["trust-registry", chainId, address.toLowerCase()] as const,
  trustRegistryHistory: (chainId: number, address: string) =>
    ["trust-registry", chainId, address.toLowerCase(), "history"] as const,
  issuerCredentials: (slug: string) => ["issuer", slug, "credentials"] as const,
  /** Under issuerCredentials(slug), so invalidating that refreshes every search too. */
  issuerCredentialSearch: (slug: string, search: Record<string, string | number>) =>
    ["issuer", slug, "credentials", search] as const,
  issuerBulkJobs: (slug: string) => ["issuer", slug, "bulk-jobs"] as const,
  issuerBulkJob: (slug: string, jobId: string) => ["issuer", slug, "bulk-jobs", jobId] as const,
  // The console's plain list of issuers Vitae hosts (GET /api/v1/issuers).
  issuerDirectory: () => ["issuer-directory"] as const,
  /** Keyed by a hash-free marker only: the key itself never goes into a cache key. */
  governanceAccess: () => ["governance", "access"] as const,
  consoleSession: () => ["console", "session"] as const,
  issuerStaff: (slug: string) => ["issuer", slug, "staff"] as const,
  issuerApiKeys: (slug: string) => ["issuer", slug, "api-keys"] as const,
  issuerAuditLog: (slug: string) => ["issuer", slug, "audit-log"] as const,
  issuerClaimQr: (claimUrl: string) => ["issuer-claim-qr", claimUrl] as const,
  wallet: {
    identity: () => ["wallet", "identity"] as const,
    /** openWallet(): locked or not, protection, last backup. */
    vault: () => ["wallet", "vault"] as const,
    credentials: () => ["wallet", "credentials"] as const,
    claimOffer: (token: string) => ["wallet", "claim-offer", token] as const,
    qrCode: (jwt: string) => ["wallet", "qr-code", jwt] as const,
    /** GET …/credentials/{id}/correction, read by the wallet and the verifier alike. */
    correction: (credentialId: string) => ["correction", credentialId] as const,
  },
  verification: (jwt: string) => ["verification", jwt] as const,
  ledger: {
    history: (listUrl: string) => ["ledger", "history", listUrl] as const,
    served: (listUrl: string) => ["ledger", "served", listUrl] as const,
  },
};
