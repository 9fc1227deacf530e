CREATE TABLE "sign_in_throttles" (
	"issuer_slug" text NOT NULL,
	"key" text NOT NULL,
	"failures" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	CONSTRAINT "sign_in_throttles_issuer_slug_key_pk" PRIMARY KEY("issuer_slug","key")
);
--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD COLUMN "actor_type" text;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD COLUMN "actor_id" text;--> statement-breakpoint
ALTER TABLE "sign_in_throttles" ADD CONSTRAINT "sign_in_throttles_issuer_slug_issuers_slug_fk" FOREIGN KEY ("issuer_slug") REFERENCES "public"."issuers"("slug") ON DELETE no action ON UPDATE no action;