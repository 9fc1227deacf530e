"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { localeCookie, type Locale } from "@/lib/i18n/locales";
import { walletEn, type WalletMessages } from "@/lib/i18n/wallet-en";
import { walletRu } from "@/lib/i18n/wallet-ru";

const messages: Record<Locale, WalletMessages> = { en: walletEn, ru: walletRu };

type WalletText = {
  locale: Locale;
  t: WalletMessages;
  setLocale: (locale: Locale) => void;
  formatDate: (iso: string, style?: "long" | "medium") => string;
  formatDateTime: (iso: string) => string;
};

const WalletTextContext = createContext<WalletText | null>(null);

/**
 * The wallet's language. The server picks the first one (cookie, else Accept-Language) so the
 * first paint is already right; switching stores the choice in a year-long cookie and re-renders
 * without a reload. The wrapper's `lang` tells screen readers which voice to use.
 */
export function WalletTextProvider({
  initialLocale,
  children,
}: {
  initialLocale: Locale;
  children: ReactNode;
}) {
  const [locale, setLocaleState] = useState(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    document.cookie = `${localeCookie}=${next}; path=/; max-age=31536000; samesite=lax`;
    setLocaleState(next);
  }, []);
  const value = useMemo<WalletText>(
    () => ({
      locale,
      t: messages[locale],
      setLocale,
      formatDate: (iso, style = "long") =>
        new Date(iso).toLocaleDateString(locale, { dateStyle: style }),
      formatDateTime: (iso) =>
        new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" }),
    }),
    [locale, setLocale],
  );
  return (
    <WalletTextContext value={value}>
      <div lang={locale} data-wallet-locale={locale}>
        {children}
      </div>
    </WalletTextContext>
  );
}

/** The wallet's text in the doctor's language. English when used outside the wallet's layout. */
export function useWalletText(): WalletText {
  return useContext(WalletTextContext) ?? fallback;
}

const fallback: WalletText = {
  locale: "en",
  t: walletEn,
  setLocale: () => undefined,
  formatDate: (iso, style = "long") => new Date(iso).toLocaleDateString("en", { dateStyle: style }),
  formatDateTime: (iso) =>
    new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" }),
};
