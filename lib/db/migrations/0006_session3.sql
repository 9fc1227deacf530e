CREATE TABLE "oid4vci_access_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"credential_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_views" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"share_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"client" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shares" (
	"id" text PRIMARY KEY NOT NULL,
	"ciphertext" text,
	"expires_at" timestamp with time zone NOT NULL,
	"max_views" integer NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"revoked_at" timestamp with time zone,
	"owner_secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttles" (
	"issuer_slug" text NOT NULL,
	"key" text NOT NULL,
	"failures" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	CONSTRAINT "sign_in_throttles_issuer_slug_key_pk" PRIMARY KEY("issuer_slug","key")
);
--> statement-breakpoint
CREATE TABLE "verifier_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"read_secret_hash" text NOT NULL,
	"nonce" text NOT NULL,
	"audience" text NOT NULL,
	"verifier_name" text NOT NULL,
	"purpose" text NOT NULL,
	"policy" jsonb NOT NULL,
	"dcql" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"result" jsonb,
	"declined_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD COLUMN "actor_type" text;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD COLUMN "actor_id" text;--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "recovery_did" text;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "oid4vci_access_tokens" ADD CONSTRAINT "oid4vci_access_tokens_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_views" ADD CONSTRAINT "share_views_share_id_shares_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."shares"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_in_throttles" ADD CONSTRAINT "sign_in_throttles_issuer_slug_issuers_slug_fk" FOREIGN KEY ("issuer_slug") REFERENCES "public"."issuers"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "oid4vci_access_tokens_credential" ON "oid4vci_access_tokens" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "share_views_share" ON "share_views" USING btree ("share_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "verifier_requests_nonce" ON "verifier_requests" USING btree ("nonce");--> statement-breakpoint
CREATE INDEX "verifier_requests_expiry" ON "verifier_requests" USING btree ("expires_at");