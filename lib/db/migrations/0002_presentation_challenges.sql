CREATE TABLE "presentation_challenges" (
	"nonce" text PRIMARY KEY NOT NULL,
	"domain" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "presentation_challenges_expiry" ON "presentation_challenges" USING btree ("expires_at");