CREATE TABLE "status_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"list_id" text NOT NULL,
	"status_index" integer NOT NULL,
	"value" boolean NOT NULL,
	"credential_id" text,
	"version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "status_list_versions" ADD COLUMN "valid_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "status_list_versions" ADD COLUMN "change_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "status_list_versions" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "status_list_versions" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "status_list_versions" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "status_lists" ADD COLUMN "allocated" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "status_lists" ADD COLUMN "capacity" integer DEFAULT 131072 NOT NULL;--> statement-breakpoint
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_list_id_status_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."status_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "status_changes_unbatched" ON "status_changes" USING btree ("list_id","id") WHERE "status_changes"."version" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "status_list_versions_one_pending" ON "status_list_versions" USING btree ("list_id") WHERE "status_list_versions"."state" = 'pending';