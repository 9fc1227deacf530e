import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { z } from "zod";
import { publicLedgerConfig } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { getStatusListSummary } from "@/lib/issuance/list-status-lists";
import { getServices } from "@/lib/issuance/services";
import { ListHistoryPageClient } from "./page-client";

export const metadata: Metadata = { title: "Status list history" };

const listIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,128}$/);

export default async function ListHistoryPage({ params }: { params: Promise<{ listId: string }> }) {
  await connection();
  const listId = listIdSchema.safeParse((await params).listId);
  if (!listId.success) notFound();
  const list = await getStatusListSummary(await getServices(), listId.data).catch(
    (err: unknown) => {
      if (isAppError(err) && err.code === "NOT_FOUND") notFound();
      throw err;
    },
  );
  return <ListHistoryPageClient list={list} ledgerConfig={publicLedgerConfig()} />;
}
