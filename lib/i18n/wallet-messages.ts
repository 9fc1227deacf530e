import { negotiateLocale, type Locale } from "./locales";
import { walletEn, type WalletMessages } from "./wallet-en";
import { walletRu } from "./wallet-ru";

export const walletMessages: Record<Locale, WalletMessages> = { en: walletEn, ru: walletRu };

/**
 * The wallet's text for a request, for what the server writes itself (page titles): the same
 * choice as the wallet layout's (cookie, else Accept-Language). The caller reads the request.
 */
export function walletMessagesFor(
  cookieValue: string | undefined,
  acceptLanguage: string | null | undefined,
): WalletMessages {
  return walletMessages[negotiateLocale(cookieValue, acceptLanguage)];
}
