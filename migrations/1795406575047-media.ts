import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Media storage (issue 6 item 4): one row per uploaded file, written only once its bytes are
 * stored and verified. Generated from the entity, then reviewed: the id has no default (the API
 * makes it before the upload, as it names the storage keys); the uploader becomes NULL when
 * their account is erased, so courses using the file keep working.
 */
export class Media1795406575047 implements MigrationInterface {
    name = 'Media1795406575047'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "media_asset" (
                "id" uuid NOT NULL,
                "owner_id" uuid,
                "kind" text NOT NULL,
                "content_type" text NOT NULL,
                "byte_size" bigint NOT NULL,
                "sha256" character(64) NOT NULL,
                "storage_key" text NOT NULL,
                "original_name" text NOT NULL,
                "status" text NOT NULL DEFAULT 'ready',
                "image_widths" integer array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "media_asset_storage_key_key" UNIQUE ("storage_key"),
                CONSTRAINT "media_asset_status_check" CHECK (status IN ('ready')),
                CONSTRAINT "media_asset_kind_check" CHECK (
                    kind IN (
                        'image',
                        'video',
                        'audio',
                        'document',
                        'captions'
                    )
                ),
                CONSTRAINT "PK_facd363e2bf84400ac44913a2f3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "media_asset_owner_idx" ON "media_asset" ("owner_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "media_asset"
            ADD CONSTRAINT "FK_media_asset_owner" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "media_asset" DROP CONSTRAINT "FK_media_asset_owner"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."media_asset_owner_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "media_asset"
        `);
    }

}
