import type { VerificationCode } from "@/lib/credentials/verification";

/** The wallet's status words (lib/wallet/credential-status.ts `CredentialStatus["label"]`). */
type StatusLabel =
  | "Checking…"
  | "Valid"
  | "Revoked"
  | "Superseded"
  | "Suspended"
  | "Expired"
  | "Issuer not accredited"
  | "Status unknown";

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
      "The file holds your credentials, your recovery key and the dossier links you shared, encrypted with the passphrase you choose here. Keep it somewhere other than this device (a USB stick, your own cloud storage) and the passphrase somewhere else again. Vitae never sees either.",
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
      "Brings the credentials and the shared dossier links in a backup into this wallet. What is already here is kept.",
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
    /** Dossier links from the backup, now listed (and revocable) in this wallet. */
    sharesRestored: (count: number) =>
      `${count === 1 ? "1 dossier link you shared is" : `${count} dossier links you shared are`} listed again under “Shared dossiers”: you can see who opened ${count === 1 ? "it" : "them"} and withdraw ${count === 1 ? "it" : "them"} from here.`,
    /** After a restore, once every credential bound to the previous key has been re-bound. */
    allRebound:
      "They have since been re-bound to this wallet's key: you can show them and present them as their holder.",
    otherKey:
      "They are bound to the key of the wallet that made the backup, which stayed in that browser. Here you can still show them, as cards and QR codes, and anyone can verify them. To present them as their holder (sign for them), use “Re-bind to this wallet” below: the recovery key in the backup asks each issuer to re-issue them to this wallet's key.",
    errors: {
      NOT_A_BACKUP:
        "This file is not a Vitae wallet backup. Choose the .json file the wallet saved when you made the backup.",
      UNSUPPORTED_VERSION:
        "This backup was written by a newer version of Vitae. Update the page, then try again.",
      CORRUPTED: "This backup file is cut short or damaged. Try another copy.",
      BAD_SHARES:
        "This backup opened, but its list of shared dossier links is damaged. Nothing was restored. Try another copy.",
      WRONG_PASSPHRASE:
        "The passphrase does not open this backup (or the file was changed after it was saved). Nothing was restored.",
      WEAK_PASSPHRASE: "Use at least 10 characters; a short phrase of several words is best.",
    },
  },
  copy: {
    copy: "Copy",
    copied: "Copied",
    copiedLabel: (label: string) => `${label} copied`,
    failed: "Copy failed: select the text instead",
  },
  status: {
    labels: {
      "Checking…": "Checking…",
      Valid: "Valid",
      Revoked: "Revoked",
      Superseded: "Superseded",
      Suspended: "Suspended",
      Expired: "Expired",
      "Issuer not accredited": "Issuer not accredited",
      "Status unknown": "Status unknown",
    } as Record<StatusLabel, string>,
    /** Reasons by status, when no check code is known (e.g. a cached status). English keeps the check's own sentence. */
    reasons: {} as Partial<Record<StatusLabel, string>>,
    /** Check sentences by code. English keeps the verifier's own sentence. */
    checks: {} as Partial<Record<VerificationCode, string>>,
    checked: "Status checked",
    justNow: "just now",
    on: (date: string) => `on ${date}`,
    neverChecked: "Offline: the status could not be checked and no earlier check is saved.",
    unreachable: " — the issuer or the ledger could not be reached now",
    offline: " — offline",
  },
  card: {
    issuedBy: (issuer: string) => `Issued by ${issuer}`,
    showQr: "Show QR",
    details: "Details",
    detailsOf: (title: string) => ` of ${title.toLowerCase()}`,
    showRaw: "Show raw credential",
    rawLabel: "Raw credential (JWT)",
    copyRaw: "raw credential",
    issued: "Issued",
    validUntil: "Valid until",
    selectForExport: (title: string, issuer: string) =>
      `Select ${title.toLowerCase()} from ${issuer} for export`,
    previousKey:
      "Restored from a backup: bound to your previous wallet key. You can show it and it verifies; to present it as its holder, ask the issuer to re-issue it to this wallet.",
  },
  conditions: {
    heading: "Conditions on practice",
    unreadable: (some: boolean) =>
      `${some ? "Further conditions" : "Conditions"} are listed that could not be read. Ask the issuer before relying on this credential.`,
  },
  corrections: {
    supersededBy: "Superseded by a correction",
    issuedOn: (date: string) => ` issued on ${date}`,
    openCorrected: "Open the corrected credential",
    correctedMissing:
      "The corrected credential is not in this wallet yet: ask your issuer for its claim link.",
    corrects: "Corrects an earlier credential",
    earlierHeldBefore: "(",
    earlierHeldLink: "the earlier version",
    earlierHeldAfter: "is kept in this wallet, revoked as superseded).",
    earlierRevoked: "; the earlier version is revoked as superseded.",
  },
  qr: {
    title: (title: string) => `${title} as a QR code`,
    close: "Close",
    body: "Let the verifier scan this with their camera; turning up your screen brightness helps. The code holds the whole credential, so show it only to people you mean to share it with.",
    drawing: "Drawing the QR code…",
    failed: "No QR code for this credential",
    alt: (title: string, issuer: string) =>
      `QR code of your ${title.toLowerCase()} issued by ${issuer}, for a verifier to scan`,
    caption: (version: number, level: string, compact: boolean) =>
      `QR version ${version}, error correction ${level}${compact ? ", compact offline form" : ""}`,
  },
  detail: {
    tabTitle: "Credential",
    back: "← All credentials",
    breadcrumb: "Breadcrumb",
    title: "Credential details",
    description:
      "Every claim, who vouches for the issuer, where its status is anchored, and its corrections.",
    notHeldTitle: "This credential is not in your wallet",
    notHeld: "It may have been removed, or this wallet belongs to another browser profile.",
    backToList: "Back to your credentials",
    checking: "Checking with the issuer and the ledger…",
    checkAgain: "Check again",
    notChecked: "Not checked yet.",
    confirmed: "Confirmed",
    failed: "Failed",
    unchecked: "Not checked",
    whatItSays: "What it says",
    issuerSection: "Issuer and accreditation",
    issuer: "Issuer",
    issuerDid: "Issuer DID",
    accredited: "Accredited",
    accreditedRange: (from: string, until: string | undefined) => `${from} – ${until ?? "open"}`,
    registryNote: "Read from the trust registry on the ledger.",
    registryLink: "See who is accredited",
    anchorSection: "Ledger anchor",
    listVersion: "Status list version",
    anchoredAt: "Anchored (block time)",
    statusList: "Status list",
    anchorLink: "See the anchoring transactions of this list",
    correctionsSection: "Corrections",
    noCorrections: "No corrections: this is the only version the issuer has issued.",
    correctionsUnknown:
      "No correction is named in this credential. The issuer could not be asked about later corrections right now.",
    earlier: "Earlier version, revoked as superseded",
    thisOne: "This credential",
    corrected: (date: string | undefined) => `Corrected version${date ? `, issued ${date}` : ""}`,
    notInWallet: "(not in this wallet)",
    showRaw: "Show raw credential (JWT)",
  },
  claim: {
    title: "Add a credential",
    description:
      "An issuer has offered you a credential. Check what it says, then accept it into your wallet.",
    reading: "Reading the link…",
    incompleteTitle: "This claim link is incomplete",
    incomplete:
      "The link has no claim code after the # sign. Open the link exactly as your issuer sent it, or copy all of it into the address bar.",
    loading: "Loading the offer…",
    offers: (issuer: string) => `${issuer} offers you a credential:`,
    issuerId: "Issuer identifier: ",
    onceUntil: (date: string) => `This link can be used once, until ${date}.`,
    once: "This link can be used once.",
    willCreateTitle: "This will create your wallet",
    willCreate:
      "There is no wallet in this browser yet. Accepting creates one: a private key made in this browser, which never leaves it. The credential is then issued to that key.",
    willIssue: (issuer: string) =>
      `${issuer} will issue the credential to the wallet in this browser.`,
    accept: "Accept and add to wallet",
    goToWallet: "Go to my wallet",
    addedTitle: "Added to your wallet",
    alreadyTitle: "Already in your wallet",
    added: (issuer: string) =>
      `Your ${issuer} credential is stored in this browser, bound to your wallet's key.`,
    already: "This credential was already in your wallet, so nothing was added twice.",
    failedTitle: "The credential could not be added",
    storageFailed: (detail: string) => `This browser could not store the wallet: ${detail}`,
    errorTitles: {
      NOT_FOUND: "This claim link is not valid",
      GONE: "This claim link can no longer be used",
      FORBIDDEN: "This claim link belongs to another wallet",
    } as Partial<Record<string, string>>,
    /** Sentences by error code. English keeps the service's own sentence. */
    errors: {} as Partial<Record<string, string>>,
  },
  receive: {
    title: "Receive from another issuer",
    description:
      "Any issuer that supports OpenID for Verifiable Credential Issuance can send a credential to this wallet. Paste the offer it gave you, check who is offering what, then accept.",
    loading: "Loading…",
    offer: "Credential offer",
    offerHint:
      "The openid-credential-offer:// link your issuer gave you, or a link that carries one.",
    lookUp: "Look up the offer",
    asking: "Asking the issuer about this offer…",
    offers: (issuer: string) => `${issuer} offers you a credential:`,
    issuer: "Issuer",
    format: "Format",
    formatName: (format: string) => `${format} (OpenID for Verifiable Credential Issuance)`,
    checksNote:
      "Before the credential is stored, this wallet checks the issuer's signature and that it is made out to your key. Its status and the issuer's accreditation are shown on the card.",
    txCode: "Transaction code",
    txCodeHint: "The issuer sent you this code separately, e.g. by e-mail or text message.",
    errorTitles: {
      BAD_OFFER: "This is not a credential offer",
      GONE: "This offer can no longer be used",
      NOT_FOUND: "This offer is not valid",
      invalid_grant: "This offer can no longer be used",
      credential_request_denied: "The issuer refused to issue the credential",
      invalid_proof: "The issuer did not accept this wallet's key",
      NOT_VERIFIED: "The credential did not verify",
      WRONG_HOLDER: "The credential was made out to another wallet",
      UNSUPPORTED: "This wallet cannot receive this offer",
      NETWORK: "The issuer could not be reached",
      TX_CODE_REQUIRED: "Enter the transaction code",
    } as Partial<Record<string, string>>,
    /** Sentences by error code. English keeps the issuer's or the wallet's own sentence. */
    errors: {} as Partial<Record<string, string>>,
  },
  dossier: {
    heading: "Shared dossiers",
    share: "Share a dossier",
    loading: "Loading your shares…",
    readFailed: "Your shares could not be read",
    emptyTitle: "No dossiers shared yet",
    empty:
      "Send several credentials at once as one link that expires, opens a limited number of times, and can be revoked. You will see here each time it is opened.",
    states: { active: "Active", expired: "Expired", revoked: "Revoked", exhausted: "Used up" },
    noLabel: "No label",
    shared: "Shared",
    revoked: "Revoked",
    expires: "Expires",
    opened: "Opened",
    openedTimes: (views: number, max: number) => `${views} of ${max} times`,
    viewsFailed: "Could not be read just now",
    opens: "When and from what",
    showLink: "Show link",
    revoke: "Revoke",
    linkTitle: "Dossier link",
    close: "Close",
    revokeTitle: "Revoke this link?",
    revokeBody: (label: string) =>
      `${label ? `${label} and anyone` : "Anyone"} opening the link from now on will be told it was withdrawn. The encrypted copy is deleted from Vitae. Someone who already opened it may have kept what they saw.`,
    notRevoked: "Not revoked",
    revokeLink: "Revoke link",
    keep: "Keep it",
    resultTitle: "Your dossier link",
    done: "Done",
    cancel: "Cancel",
    intro:
      "The wallet signs the chosen credentials with your key and encrypts them in this browser. Vitae stores only the encrypted copy; the key is in the link itself.",
    credentials: "Credentials",
    previousKey: " · bound to your previous wallet key, cannot be presented",
    chooseOne: "Choose at least one credential.",
    tooSoon: "Choose a time at least five minutes from now.",
    tooLong: (days: number) => `A link can stay open for at most ${days} days.`,
    viewsRange: (max: number) => `Between 1 and ${max}.`,
    worksFor: "The link works for",
    expiries: { "1h": "1 hour", "1d": "1 day", "7d": "7 days", custom: "Until…" },
    expiresAt: "Expires at",
    whoFor: "Who is it for?",
    whoForHint: "Kept only in your wallet, to tell your links apart.",
    whoForPlaceholder: "e.g. St Aurelia credentialing office",
    opensAllowed: "Opens allowed",
    notShared: "The dossier was not shared",
    create: "Create link",
    resultBody: (times: number, until: string) =>
      `Send this link, or let the recipient scan the code. It opens ${times} time${times === 1 ? "" : "s"} at most, until ${until}. Anyone with the link can read the dossier, so send it only to `,
    forWhom: "the person it is for",
    /** Before a label the doctor typed (any grammatical case is out of reach). */
    toLabel: "",
    copyLink: "dossier link",
    drawing: "Drawing the QR code…",
    noQr: "No QR code",
    qrAlt: "QR code of the dossier link, for the recipient to scan",
    qrCaption: (version: number) => `QR version ${version}, error correction M`,
  },
  fhir: {
    title: "Export for a hospital system",
    body: "A FHIR Practitioner resource with one qualification per credential, for hospital credentialing systems. Tick credentials above to export only some; it is built in this browser and nothing is uploaded.",
    export: "Export FHIR Practitioner",
    selected: (count: number) => `${count} selected credential${count === 1 ? "" : "s"}`,
    all: (count: number) => `all ${count} credential${count === 1 ? "" : "s"}`,
    exportAll: "Export all instead",
    preview: "Preview practitioner.json",
    previewLabel: "FHIR Practitioner preview (JSON)",
    nothingTitle: "Nothing to export as one practitioner",
    /** Sentences by the export's refusal code. English keeps the export's own sentence. */
    errors: {} as Partial<Record<string, string>>,
  },
  rebind: {
    note: "Restored from a backup: bound to your previous wallet key. You can show it and it verifies; to present it as its holder, re-bind it to this wallet.",
    title: "Re-bind restored credentials",
    body: (count: number) =>
      `${count === 1 ? "1 credential is" : `${count} credentials are`} still bound to the key of your previous wallet. The recovery key from your backup can ask the issuer to re-issue ${count === 1 ? "it" : "them"} to this wallet: same credential, same dates and status, only the key changes. Nothing about you is sent, only the credential ids and two signatures.`,
    button: "Re-bind to this wallet",
    working: (count: number) =>
      `Re-binding ${count === 1 ? "1 credential" : `${count} credentials`}…`,
    doneTitle: "Re-binding finished",
    summary: (ok: number, total: number) =>
      `${ok} of ${total} re-bound to this wallet.${ok < total ? " Those not re-bound are unchanged and still show and verify." : ""}`,
    rebound: "Re-bound",
    failed: "Not re-bound",
    offlineTitle: "No connection",
    errorTitle: "Re-binding stopped",
    offline:
      "The issuer could not be reached, so nothing was changed: your credentials are all still here. Connect to the internet and try again.",
    retry: "Try again",
  },
  present: {
    declinedTitle: "You declined",
    declined: (verifier: string) =>
      `Nothing was shared with ${verifier}. They have been told that you declined.`,
    declineFailed: "Your answer could not be sent",
    checkingStatus: "Checking the credential's status…",
    notPreselected:
      "Not selected: the verifier's check will find this credential not valid, or cannot confirm it. Share it only if you mean to.",
  },
};

export type WalletMessages = typeof walletEn;
