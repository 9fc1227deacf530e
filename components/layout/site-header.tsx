import Link from "next/link";
import { locales } from "@/lib/i18n/locales";
import { siteNavLabels, type SiteNavLabels } from "@/lib/i18n/site-nav";

const links: Array<{ href: string; key: keyof SiteNavLabels }> = [
  { href: "/issuer", key: "issuer" },
  { href: "/wallet", key: "wallet" },
  { href: "/verify", key: "verify" },
  { href: "/registry", key: "registry" },
  { href: "/ledger", key: "ledger" },
];

/**
 * The header is in the root layout, which stays static: it cannot read the wallet's language. So
 * each link carries its label in every locale, and globals.css shows the one of the wallet layout
 * on the page (its `data-wallet-locale`, chosen on the server from the cookie or Accept-Language),
 * English elsewhere. The first paint is right, and the wallet's language switch applies at once.
 */
export function SiteHeader() {
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-brand-800 flex items-center gap-2 font-semibold">
          <span
            aria-hidden
            className="bg-brand-600 grid size-8 place-items-center rounded-md text-sm text-white"
          >
            V
          </span>
          Vitae
        </Link>
        <nav aria-label="Main">
          <ul className="flex flex-wrap gap-1 text-sm">
            {links.map((l) => (
              <li key={l.href}>
                <Link
                  href={l.href}
                  className="rounded-md px-3 py-2 text-slate-700 hover:bg-slate-100 hover:text-slate-900"
                >
                  {locales.map((locale) => (
                    <span key={locale} lang={locale} data-site-nav-locale={locale}>
                      {siteNavLabels[locale][l.key]}
                    </span>
                  ))}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
