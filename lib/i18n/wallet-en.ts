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
    receive: "Receive from another issuer",
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
    wrongPassphrase:
      "That passphrase is not the one that protects this wallet. Nothing was changed.",
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
  passphrase: {
    title: "Wallet passphrase",
    on: "On. Your credentials are encrypted with a key only your passphrase unlocks.",
    off: "Off. Your credentials are encrypted with a key kept by this browser, so anyone using this browser profile can open the wallet.",
    lock: "Lock wallet",
    saved: "Saved",
    removed: "Passphrase removed. The wallet now opens without asking in this browser.",
    changed: "Passphrase changed. Use the new one next time you unlock.",
    set: "Passphrase set. The wallet will ask for it whenever it is opened.",
    change: "Change passphrase",
    setOne: "Set a passphrase",
    remove: "Remove passphrase",
    current: "Current passphrase",
    newOne: "New passphrase",
    first: "Passphrase",
    hint: "At least 10 characters. Vitae cannot recover it: if you forget it, only a backup brings your credentials back.",
    repeat: "Repeat the passphrase",
    tooShort: "Use at least 10 characters; a short phrase of several words is best.",
    notSame: "The two passphrases are not the same.",
    wrong: "That passphrase is not the one that protects this wallet. Nothing was changed.",
    nothingChanged: "Nothing was changed",
    save: "Save passphrase",
    cancel: "Cancel",
  },
  backup: {
    title: "Backup",
    last: "Last backup:",
    never: "never",
    noneTitle: "You have no backup",
    none: "If you clear this browser's data, reset or lose this device, every credential in this wallet is gone, and no one, Vitae included, can bring it back. You would have to ask each issuer for your credentials again.",
    exportTitle: "Save a backup file",
    exportBody:
      "The file holds your credentials and your recovery key, encrypted with the passphrase you choose here. Keep it somewhere other than this device (a USB stick, your own cloud storage) and the passphrase somewhere else again. Vitae never sees either.",
    passphrase: "Backup passphrase",
    passphraseHint:
      "At least 10 characters. Without it the file cannot be opened, by you or anyone.",
    repeat: "Repeat the backup passphrase",
    notSaved: "No backup was saved",
    savedTitle: "Backup saved",
    saved: (fileName: string) => `${fileName} is in your downloads. Move it off this device.`,
    encrypting: "Encrypting…",
    download: "Download encrypted backup",
    restoreTitle: "Restore from a backup file",
    restoreBody:
      "Brings the credentials in a backup into this wallet. Credentials already here are kept.",
    file: "Backup file",
    restorePassphrase: "Passphrase of the backup",
    chooseFile: "Choose the backup file first.",
    enterPassphrase: "Enter the passphrase you chose for this backup.",
    notRestored: "Nothing was restored",
    decrypting: "Decrypting…",
    restore: "Restore backup",
    restoredTitle: "Backup restored",
    restored: (added: number, already: number, date: string) =>
      `${added === 1 ? "1 credential was" : `${added} credentials were`} added${
        already ? ` (${already} already in this wallet)` : ""
      }, from the backup of ${date}.`,
    otherKey:
      "They are bound to the key of the wallet that made the backup, which stayed in that browser. Here you can still show them, as cards and QR codes, and anyone can verify them. To present them as their holder (sign for them), ask each issuer to re-issue them to this wallet.",
    errors: {
      NOT_A_BACKUP:
        "This file is not a Vitae wallet backup. Choose the .json file the wallet saved when you made the backup.",
      UNSUPPORTED_VERSION:
        "This backup was written by a newer version of Vitae. Update the page, then try again.",
      CORRUPTED: "This backup file is cut short or damaged. Try another copy.",
      WRONG_PASSPHRASE:
        "The passphrase does not open this backup (or the file was changed after it was saved). Nothing was restored.",
      WEAK_PASSPHRASE: "Use at least 10 characters; a short phrase of several words is best.",
    },
  },
  present: {
    declinedTitle: "You declined",
    declined: (verifier: string) =>
      `Nothing was shared with ${verifier}. They have been told that you declined.`,
    declineFailed: "Your answer could not be sent",
    checkingStatus: "Checking the credential's status…",
    status: {
      Valid: "Valid",
      Revoked: "Revoked",
      Suspended: "Suspended",
      Expired: "Expired",
      "Issuer not accredited": "Issuer not accredited",
      "Status unknown": "Status unknown",
    },
    notPreselected:
      "Not selected: the verifier's check will find this credential not valid, or cannot confirm it. Share it only if you mean to.",
  },
};

export type WalletMessages = typeof walletEn;
