import { MIGRATIONS } from '@baanrian/migrations';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  /** Shown in pg_stat_activity, so an operator can tell api, worker and tools apart. */
  applicationName?: string;
}

/** The one definition of how Baanrian talks to PostgreSQL. The schema only changes by migration. */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: settings.poolSize ?? 10,
      application_name: settings.applicationName ?? 'baanrian',
      // When PostgreSQL shuts down it sends every connection a FATAL (57P01). The fault suite saw a
      // worker die of it: the error reached a pg client with no 'error' listener at that moment
      // (pg-pool removes its own on checkout, TypeORM's QueryRunner adds one later). A permanent
      // no-op listener keeps the process alive; pg-pool and TypeORM still see the error and
      // discard the connection.
      onConnect: (client: { on(event: 'error', listener: () => void): unknown }) => {
        client.on('error', () => undefined);
      },
    },
  };
}

export function createDataSource(settings: DatabaseSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}
