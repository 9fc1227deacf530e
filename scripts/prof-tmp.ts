import { sql } from "drizzle-orm";
import { openMemoryDatabase } from "@/lib/db/client";
import { bulkJobs, bulkRows, issuers } from "@/lib/db/schema";
const { db, close } = await openMemoryDatabase();
await db.insert(issuers).values({ slug: "x", name: "x", kind: "hospital", did: "did:web:x", signingKid: "k", ledgerAddress: "0x", credentialTypes: [] });
await db.insert(bulkJobs).values({ id: "j", issuerSlug: "x", type: "t", fileName: "f", fileHash: "h", total: 1 });
await db.insert(bulkJobs).values({ id: "j2", issuerSlug: "x", type: "t", fileName: "f", fileHash: "h", total: 1 });
const mk = (i: number) => ({ jobId: "j", rowNumber: i, rowKey: `EL-${i}`, subject: { name: `Dr ${i}`, licenseNumber: `EL-${i}`, jurisdiction: "Eastland", validUntil: "2028-01-01", conditions: [{ code: "A", text: "b" }] } });
let t = performance.now();
for (let c = 0; c < 3; c++) await db.insert(bulkRows).values(Array.from({ length: 1000 }, (_, i) => mk(c * 1000 + i)));
console.log("drizzle values 3000", performance.now() - t);
t = performance.now();
for (let c = 0; c < 3; c++) {
  const rows = Array.from({ length: 1000 }, (_, i) => ({ ...mk(c * 1000 + i), jobId: "j2" }));
  await db.execute(sql`insert into bulk_rows (job_id, row_number, row_key, subject) select job_id, row_number, row_key, subject from jsonb_to_recordset(${JSON.stringify(rows.map(r => ({ job_id: r.jobId, row_number: r.rowNumber, row_key: r.rowKey, subject: r.subject })))}::jsonb) as x(job_id text, row_number int, row_key text, subject jsonb)`);
}
console.log("jsonb_to_recordset 3000", performance.now() - t);
await close();
