ALTER TABLE "subjects" DROP CONSTRAINT "subjects_resident_id_unique";--> statement-breakpoint
ALTER TABLE "subjects" ALTER COLUMN "resident_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_anchors" ADD COLUMN "seal" text;--> statement-breakpoint
ALTER TABLE "subjects" ADD COLUMN "resident_id_sealed" text;--> statement-breakpoint
ALTER TABLE "subjects" ADD COLUMN "resident_id_lookup" text;--> statement-breakpoint
ALTER TABLE "subjects" ADD COLUMN "resident_id_masked" text;--> statement-breakpoint
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_resident_id_lookup_unique" UNIQUE("resident_id_lookup");--> statement-breakpoint
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_resident_id_kept" CHECK ("subjects"."resident_id" is not null or ("subjects"."resident_id_sealed" is not null and "subjects"."resident_id_lookup" is not null and "subjects"."resident_id_masked" is not null));