CREATE TABLE "sla_figures" (
	"name" text PRIMARY KEY NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"figures" jsonb NOT NULL
);
