ALTER TABLE "staff" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "verifier_requests" ADD COLUMN "declined_at" timestamp with time zone;