import type { Locale } from "./locales";

/** The site header's links, by key; every locale names every one (a missing label fails to compile). */
export type SiteNavLabels = {
  issuer: string;
  wallet: string;
  verify: string;
  registry: string;
  ledger: string;
};

export const siteNavLabels: Record<Locale, SiteNavLabels> = {
  en: {
    issuer: "Issuer console",
    wallet: "My wallet",
    verify: "Verify",
    registry: "Trust registry",
    ledger: "Ledger",
  },
  ru: {
    issuer: "Консоль организации",
    wallet: "Мой кошелёк",
    verify: "Проверка",
    registry: "Реестр доверия",
    ledger: "Реестр статусов",
  },
};
