"use client";

import { localeNames, locales } from "@/lib/i18n/locales";
import { testIds } from "@/lib/test-ids";
import { useWalletText } from "./wallet-text";

/** English / Русский, as a native select: keyboard and screen readers get it for free. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useWalletText();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <span>{t.language.label}</span>
      <select
        data-testid={testIds.wallet.language}
        value={locale}
        onChange={(event) => {
          const next = locales.find((l) => l === event.target.value);
          if (next) setLocale(next);
        }}
        className="focus-visible:ring-brand-500 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:ring-2 focus-visible:outline-none"
      >
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
