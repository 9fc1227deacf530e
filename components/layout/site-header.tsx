import Link from "next/link";

const links = [
  { href: "/issuer", label: "Issuer console" },
  { href: "/wallet", label: "My wallet" },
  { href: "/verify", label: "Verify" },
  { href: "/registry", label: "Trust registry" },
  { href: "/ledger", label: "Ledger" },
];

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
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
