/** Test ids shared by the UI and the Playwright specs. */
export const testIds = {
  issuer: {
    apiKeyInput: "issuer-api-key",
    signIn: "issuer-sign-in",
    issueForm: "issue-form",
    issueSubmit: "issue-submit",
    claimLink: "claim-link",
    credentialRow: "credential-row",
    revoke: "credential-revoke",
    rowStatus: "credential-row-status",
  },
  wallet: {
    createWallet: "wallet-create",
    did: "wallet-did",
    claimAccept: "claim-accept",
    claimResult: "claim-result",
    credentialCard: "credential-card",
    showQr: "show-qr",
    qrImage: "credential-qr",
  },
  verifier: {
    qrUpload: "verify-qr-upload",
    paste: "verify-paste",
    pasteSubmit: "verify-paste-submit",
    verdict: "verify-verdict",
    check: "verify-check",
    recheck: "verify-recheck",
  },
} as const;
