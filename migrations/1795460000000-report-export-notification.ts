import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Report exports (issue 10): the requester of a large export is told when it is ready, with a
 * notification of the new type `report.export-ready`. Written by hand: TypeORM does not see a
 * changed CHECK expression, only a renamed one.
 */
export class ReportExportNotification1795460000000 implements MigrationInterface {
    name = 'ReportExportNotification1795460000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_type_check"`);
        await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "notification_type_check" CHECK (
                    type IN (
                        'waitlist.promoted',
                        'session.reminder-day',
                        'session.reminder-hour',
                        'enrollment.completed',
                        'report.export-ready'
                    )
                )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "notification" WHERE type = 'report.export-ready'`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_type_check"`);
        await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "notification_type_check" CHECK (
                    type IN (
                        'waitlist.promoted',
                        'session.reminder-day',
                        'session.reminder-hour',
                        'enrollment.completed'
                    )
                )
        `);
    }
}
