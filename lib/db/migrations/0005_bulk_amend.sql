CREATE TABLE "bulk_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"issuer_slug" text NOT NULL,
	"type" text NOT NULL,
	"file_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"total" integer NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bulk_rows" (
	"job_id" text NOT NULL,
	"row_number" integer NOT NULL,
	"row_key" text NOT NULL,
	"subject" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"credential_id" text,
	"error" text,
	CONSTRAINT "bulk_rows_job_id_row_number_pk" PRIMARY KEY("job_id","row_number")
);
--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "row_key" text;--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "previous_id" text;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_issuer_slug_issuers_slug_fk" FOREIGN KEY ("issuer_slug") REFERENCES "public"."issuers"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_rows" ADD CONSTRAINT "bulk_rows_job_id_bulk_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_jobs_issuer" ON "bulk_jobs" USING btree ("issuer_slug","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "bulk_rows_pending" ON "bulk_rows" USING btree ("job_id","row_number") WHERE "bulk_rows"."state" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_row_key" ON "credentials" USING btree ("issuer_slug","row_key") WHERE "credentials"."row_key" is not null and "credentials"."previous_id" is null;--> statement-breakpoint
CREATE INDEX "credentials_previous" ON "credentials" USING btree ("previous_id");