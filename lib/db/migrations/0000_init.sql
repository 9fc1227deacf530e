CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"issuer_slug" text NOT NULL,
	"key_hash" text NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"issuer_slug" text NOT NULL,
	"type" text NOT NULL,
	"subject_did" text,
	"claims" jsonb NOT NULL,
	"jwt" text NOT NULL,
	"list_series" integer NOT NULL,
	"status_index" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"valid_until" timestamp with time zone,
	"issued_at" timestamp with time zone NOT NULL,
	"claim_token_hash" text,
	"claim_nonce" text,
	"claim_expires_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	CONSTRAINT "credentials_claim_token_hash_unique" UNIQUE("claim_token_hash")
);
--> statement-breakpoint
CREATE TABLE "issuers" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"did" text NOT NULL,
	"signing_kid" text NOT NULL,
	"ledger_address" text NOT NULL,
	"credential_types" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "issuers_did_unique" UNIQUE("did")
);
--> statement-breakpoint
CREATE TABLE "status_list_versions" (
	"list_id" text NOT NULL,
	"version" integer NOT NULL,
	"jwt" text NOT NULL,
	"hash" text NOT NULL,
	"state" text NOT NULL,
	"anchor_tx" text,
	"block_number" bigint,
	"anchored_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "status_list_versions_list_id_version_pk" PRIMARY KEY("list_id","version")
);
--> statement-breakpoint
CREATE TABLE "status_lists" (
	"id" text PRIMARY KEY NOT NULL,
	"issuer_slug" text NOT NULL,
	"purpose" text NOT NULL,
	"series" integer NOT NULL,
	"size" integer NOT NULL,
	"bits" "bytea" NOT NULL,
	"version" integer NOT NULL,
	"anchored_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "veramo_identifiers" (
	"did" text PRIMARY KEY NOT NULL,
	"alias" text NOT NULL,
	"provider" text NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "veramo_identifiers_alias_unique" UNIQUE("alias")
);
--> statement-breakpoint
CREATE TABLE "veramo_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"kms" text NOT NULL,
	"type" text NOT NULL,
	"public_key_hex" text NOT NULL,
	"meta" jsonb
);
--> statement-breakpoint
CREATE TABLE "veramo_private_keys" (
	"alias" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"sealed" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_issuer_slug_issuers_slug_fk" FOREIGN KEY ("issuer_slug") REFERENCES "public"."issuers"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_issuer_slug_issuers_slug_fk" FOREIGN KEY ("issuer_slug") REFERENCES "public"."issuers"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_list_versions" ADD CONSTRAINT "status_list_versions_list_id_status_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."status_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_lists" ADD CONSTRAINT "status_lists_issuer_slug_issuers_slug_fk" FOREIGN KEY ("issuer_slug") REFERENCES "public"."issuers"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_status_slot" ON "credentials" USING btree ("issuer_slug","list_series","status_index");--> statement-breakpoint
CREATE INDEX "credentials_issuer_issued" ON "credentials" USING btree ("issuer_slug","issued_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "status_lists_series" ON "status_lists" USING btree ("issuer_slug","series","purpose");