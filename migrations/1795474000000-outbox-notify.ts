import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Wakes the outbox relay when events are written, instead of leaving them until its next poll
 * (OUTBOX_POLL_MS, 500 ms): one NOTIFY per inserting statement, delivered at commit (so never for
 * a rolled-back event) and folded into one per transaction by PostgreSQL. The relay still polls:
 * a lost notification only delays an event, never loses it.
 */
export class OutboxNotify1795474000000 implements MigrationInterface {
    name = 'OutboxNotify1795474000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE FUNCTION "outbox_event_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('outbox_event', '');
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "outbox_event_notify" AFTER INSERT ON "outbox_event"
            FOR EACH STATEMENT EXECUTE FUNCTION "outbox_event_notify"()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "outbox_event_notify" ON "outbox_event"`);
        await queryRunner.query(`DROP FUNCTION "outbox_event_notify"()`);
    }
}
