/** Every TanStack Query key in the app comes from here, so invalidation is greppable. */
export const queryKeys = {
  issuers: () => ["issuers"] as const,
  issuerCredentials: (slug: string) => ["issuer", slug, "credentials"] as const,
  /** Under issuerCredentials(slug), so invalidating that refreshes every search too. */
  issuerCredentialSearch: (slug: string, search: Record<string, string | number>) =>
    ["issuer", slug, "credentials", search] as const,
  issuerBulkJobs: (slug: string) => ["issuer", slug, "bulk-jobs"] as const,
  issuerBulkJob: (slug: string, jobId: string) => ["issuer", slug, "bulk-jobs", jobId] as const,
  // Not `issuers()`: the verifier caches a TrustSnapshot under that key, the console a plain list.
  issuerDirectory: () => ["issuer-directory"] as const,
  issuerClaimQr: (claimUrl: string) => ["issuer-claim-qr", claimUrl] as const,
  wallet: {
    identity: () => ["wallet", "identity"] as const,
    credentials: () => ["wallet", "credentials"] as const,
    claimOffer: (token: string) => ["wallet", "claim-offer", token] as const,
    qrCode: (jwt: string) => ["wallet", "qr-code", jwt] as const,
  },
  verification: (jwt: string) => ["verification", jwt] as const,
  ledger: {
    history: (listUrl: string) => ["ledger", "history", listUrl] as const,
    served: (listUrl: string) => ["ledger", "served", listUrl] as const,
  },
};
