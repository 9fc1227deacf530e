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
    /** An OpenID4VCI credential offer as pasted or scanned, looked up (metadata) but not used. */
    credentialOffer: (offer: string) => ["wallet", "credential-offer", offer] as const,
    qrCode: (jwt: string) => ["wallet", "qr-code", jwt] as const,
    /** GET …/credentials/{id}/correction, read by the wallet and the verifier alike. */
    correction: (credentialId: string) => ["correction", credentialId] as const,
    shares: () => ["wallet", "shares"] as const,
    shareViews: (id: string) => ["wallet", "shares", id, "views"] as const,
    dossierQr: (id: string) => ["wallet", "dossier-qr", id] as const,
  },
  requests: {
    /** The creator's view of a verifier request (polled until answered or expired). */
    status: (id: string) => ["requests", id, "status"] as const,
    /** The public request object, as the wallet reads it. */
    public: (id: string) => ["requests", id, "public"] as const,
    qr: (url: string) => ["requests", "qr", url] as const,
  },
  verification: (jwt: string) => ["verification", jwt] as const,
  /** Opening a dossier link counts a view: keyed by share id only (never the key), never refetched. */
  dossier: (origin: string, id: string) => ["dossier", origin, id] as const,
  dossierVerification: (origin: string, id: string) =>
    ["dossier", origin, id, "verification"] as const,
  ledger: {
    history: (listUrl: string) => ["ledger", "history", listUrl] as const,
    served: (listUrl: string) => ["ledger", "served", listUrl] as const,
    /** The transaction that anchored one version of a list (the verifier's receipt). */
    anchorTransaction: (listUrl: string, version: number) =>
      ["ledger", "anchor-transaction", listUrl, version] as const,
  },
};
