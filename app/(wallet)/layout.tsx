import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { WalletTextProvider } from "@/components/wallet/wallet-text";
import { localeCookie, negotiateLocale } from "@/lib/i18n/locales";

/** Every wallet page speaks the doctor's language (English or Russian). */
export default async function WalletLayout({ children }: { children: ReactNode }) {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = negotiateLocale(
    cookieStore.get(localeCookie)?.value,
    headerList.get("accept-language"),
  );
  return <WalletTextProvider initialLocale={locale}>{children}</WalletTextProvider>;
}
