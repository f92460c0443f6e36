CREATE TABLE "public_lookup_counts" (
	"address" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"lookups" integer NOT NULL
);
