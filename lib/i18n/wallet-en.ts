/**
 * The wallet's English text. Russian (`wallet-ru.ts`) must have the same shape: the type below
 * makes a missing or extra entry a compile error. Entries that take values are functions.
 */
export const walletEn = {
  language: { label: "Language" },
  page: {
    title: "My wallet",
    description:
      "Your credentials, encrypted in this browser and checked live against their issuers and the ledger.",
    storageErrorTitle: "This browser could not open your wallet",
    storageError: (detail: string) =>
      `The wallet needs this site's storage (IndexedDB), which private browsing or strict privacy settings can turn off. (${detail})`,
    opening: "Opening your wallet…",
    credentials: "Credentials",
    loadingCredentials: "Loading credentials…",
    emptyTitle: "No credentials yet",
    empty: "Open a claim link from your issuer to add a credential, or restore a backup below.",
  },
  unlock: {
    title: "Your wallet is locked",
    body: "Your credentials are encrypted on this device. Enter your wallet passphrase to open them.",
    passphrase: "Wallet passphrase",
    unlock: "Unlock",
    unlocking: "Unlocking…",
    wrongPassphrase: "That passphrase did not open the wallet. Check it and try again.",
    corrupted:
      "The wallet's encrypted data could not be read on this device. Restore it from a backup file.",
    failed: (detail: string) => `The wallet could not be opened: ${detail}`,
  },
  identity: {
    setUpTitle: "Set up your wallet",
    setUpBody:
      "Your wallet is a private key created in this browser. Issuers bind your credentials to it, and you use it to prove they are yours. The key never leaves this device: not even Vitae can read it.",
    create: "Create my wallet",
    createFailed: "The wallet could not be created",
    title: "Your wallet",
    created: (date: string) => `Created ${date}. Issuers know you by this identifier (DID):`,
    copyDid: "DID",
    onlyHereTitle: "Your credentials live only in this browser",
    onlyHere:
      "They are not stored on any server. Clearing this site's data, uninstalling the browser or losing this device deletes them and your key for good, unless you have a backup file.",
    backupNow: "Make a backup now",
    backupAgain: "Make a new backup",
  },
};

export type WalletMessages = typeof walletEn;
