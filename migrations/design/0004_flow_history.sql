ALTER TABLE `flow_versions` ADD `published_by` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `flows` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `flows` ADD `updated_by` text;--> statement-breakpoint
ALTER TABLE `flows` ADD `deleted_at` text;