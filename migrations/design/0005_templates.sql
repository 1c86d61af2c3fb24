CREATE TABLE `template_versions` (
	`template_id` text NOT NULL,
	`workspace_id` text DEFAULT '' NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`objects` text NOT NULL,
	`direction` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`release_note` text DEFAULT '' NOT NULL,
	`document` text NOT NULL,
	`published_by` text NOT NULL,
	`published_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`template_id`, `workspace_id`, `version`),
	FOREIGN KEY (`template_id`) REFERENCES `templates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `templates` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text DEFAULT '' NOT NULL,
	`built_in` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `flows` ADD `template_version` integer;