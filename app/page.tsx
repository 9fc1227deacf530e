import Link from "next/link";
import { Card } from "@/components/ui/card";

const roles = [
  {
    href: "/issuer",
    title: "Issue",
    body: "Medical schools, licensing authorities and hospitals issue signed credentials and keep their status on the ledger.",
  },
  {
    href: "/wallet",
    title: "Hold",
    body: "Doctors keep their credentials in a wallet in their own browser, with keys that never leave it.",
  },
  {
    href: "/verify",
    title: "Verify",
    body: "Hospitals and insurers check signature, validity, revocation and the ledger anchor in their browser.",
  },
];

export default function HomePage() {
  return (
    <div>
      <h1 className="text-3xl font-semibold tracking-tight">
        Credentials for doctors, checkable by anyone
      </h1>
      <p className="mt-2 max-w-2xl text-slate-600">
        Every licence, degree and privilege is a signed record. Every change of status is anchored
        on a ledger, so nobody can quietly undo a revocation.
      </p>
      <div className="mt-8 grid gap-4 md:grid-cols-3">
        {roles.map((r) => (
          <Link key={r.href} href={r.href} className="group">
            <Card className="h-full transition-shadow group-hover:shadow-md">
              <h2 className="text-brand-800 text-lg font-semibold">{r.title}</h2>
              <p className="mt-2 text-sm text-slate-600">{r.body}</p>
            </Card>
          </Link>
        ))}
      </div>
      <p className="mt-6 text-sm text-slate-600">
        Which institutions may issue which credentials is decided by the accreditation authority and
        kept on the ledger: see the{" "}
        <Link href="/registry" className="text-brand-700 font-medium underline">
          public trust registry
        </Link>{" "}
        or, for the authority, the{" "}
        <Link href="/governance" className="text-brand-700 font-medium underline">
          governance console
        </Link>
        .
      </p>
    </div>
  );
}
