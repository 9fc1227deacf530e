import "server-only";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/http";
import { BULK_MAX_BYTES } from "./bulk-csv";
import type { BulkUpload } from "./bulk-jobs";
import { bulkUploadFieldsSchema } from "./schemas";

/**
 * Reads a bulk upload (multipart/form-data: `file` plus the fields of bulkUploadFieldsSchema).
 * An oversized request is refused from its Content-Length, before the body is read.
 */
export async function readBulkUpload(req: Request): Promise<BulkUpload> {
  const length = Number(req.headers.get("content-length") ?? "0");
  if (length > BULK_MAX_BYTES + 64 * 1024) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The file is larger than ${BULK_MAX_BYTES / 1048576} MB.`,
      { file: [`larger than ${BULK_MAX_BYTES / 1048576} MB`] },
    );
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new AppError("BAD_REQUEST", "Send the upload as multipart/form-data.", {
      file: ["send the file as multipart/form-data"],
    });
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) {
    throw new AppError("VALIDATION_FAILED", "Choose a CSV or Excel (.xlsx) file to upload.", {
      file: ["choose a CSV or Excel (.xlsx) file"],
    });
  }
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const fields = parseInput(
    bulkUploadFieldsSchema,
    {
      type: text("type"),
      mapping: text("mapping"),
      rowKeyColumn: text("rowKeyColumn") || undefined,
      skipInvalid: text("skipInvalid"),
    },
    "The upload is not valid.",
  );
  return {
    ...fields,
    fileName: file instanceof File && file.name ? file.name : "upload.csv",
    bytes: new Uint8Array(await file.arrayBuffer()),
  };
}
