CREATE TABLE "audit_anchors" (
	"issuer_slug" text NOT NULL,
	"version" integer NOT NULL,
	"seq" integer NOT NULL,
	"hash" text NOT NULL,
	"anchor_tx" text,
	"block_number" bigint,
	"anchored_at" timestamp with time zone NOT NULL,
	CONSTRAINT "audit_anchors_issuer_slug_version_pk" PRIMARY KEY("issuer_slug","version")
);
--> statement-breakpoint
CREATE TABLE "audit_entries" (
	"issuer_slug" text NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text NOT NULL,
	"action" text NOT NULL,
	"credential_id" text,
	"details" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_entries_issuer_slug_seq_pk" PRIMARY KEY("issuer_slug","seq")
);
--> statement-breakpoint
CREATE TABLE "audit_heads" (
	"issuer_slug" text PRIMARY KEY NOT NULL,
	"seq" integer NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" text PRIMARY KEY NOT NULL,
	"issuer_slug" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"staff_id" text NOT NULL,
	"issuer_slug" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_anchors" ADD CONSTRAINT "audit_anchors_issuer_slug_issuers_slug_fk" FOREIGN KEY ("issuer_slug") REFERENCES "public"."issuers"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_issuer_slug_issuers_slug_fk" FOREIGN KEY ("issuer_slug") REFERENCES "public"."issuers"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_heads" ADD CONSTRAINT "audit_heads_issuer_slug_issuers_slug_fk" FOREIGN KEY ("issuer_slug") REFERENCES "public"."issuers"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_issuer_slug_issuers_slug_fk" FOREIGN KEY ("issuer_slug") REFERENCES "public"."issuers"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD CONSTRAINT "staff_sessions_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD CONSTRAINT "staff_sessions_issuer_slug_issuers_slug_fk" FOREIGN KEY ("issuer_slug") REFERENCES "public"."issuers"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_issuer_email" ON "staff" USING btree ("issuer_slug","email");--> statement-breakpoint
CREATE INDEX "staff_sessions_staff" ON "staff_sessions" USING btree ("staff_id");