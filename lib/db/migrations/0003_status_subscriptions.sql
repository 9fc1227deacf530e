CREATE TABLE "status_subscription_slots" (
	"subscription_id" text NOT NULL,
	"list_id" text NOT NULL,
	"status_index" integer NOT NULL,
	CONSTRAINT "status_subscription_slots_subscription_id_list_id_pk" PRIMARY KEY("subscription_id","list_id")
);
--> statement-breakpoint
CREATE TABLE "status_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"credential_id" text NOT NULL,
	"webhook_url" text NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subscription_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"abandoned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "status_subscription_slots" ADD CONSTRAINT "status_subscription_slots_subscription_id_status_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."status_subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_subscription_slots" ADD CONSTRAINT "status_subscription_slots_list_id_status_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."status_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_id_status_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."status_subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "status_subscription_slots_bit" ON "status_subscription_slots" USING btree ("list_id","status_index");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."delivered_at" is null and "webhook_deliveries"."abandoned_at" is null;