import type { HTMLAttributes, ReactNode, TableHTMLAttributes, TdHTMLAttributes } from "react";

/**
 * A data table in a bordered frame that scrolls sideways on a narrow screen instead of squeezing
 * its columns. The caption names the table for screen readers; THead's cells are column headers.
 *
 *   <Table caption="Staff accounts"><THead><TH>Name</TH>…</THead><TBody><tr><TD>…</TD></tr></TBody></Table>
 */
export function Table({
  caption,
  className = "",
  children,
  ...rest
}: TableHTMLAttributes<HTMLTableElement> & { caption: ReactNode }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={`w-full text-left text-sm ${className}`} {...rest}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** The header row: give it TH cells. */
export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="bg-slate-50 text-xs tracking-wide text-slate-600 uppercase">
      <tr>{children}</tr>
    </thead>
  );
}

/** A column header. A column without a visible title (e.g. actions) still needs one: pass an sr-only span. */
export function TH({ className = "", ...rest }: HTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={`px-3 py-2 ${className}`} {...rest} />;
}

export function TBody(props: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className="divide-y divide-slate-200" {...props} />;
}

export function TD({ className = "", ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={`px-3 py-2 ${className}`} {...rest} />;
}
