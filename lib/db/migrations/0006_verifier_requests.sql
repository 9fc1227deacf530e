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
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "verifier_requests_nonce" ON "verifier_requests" USING btree ("nonce");--> statement-breakpoint
CREATE INDEX "verifier_requests_expiry" ON "verifier_requests" USING btree ("expires_at");