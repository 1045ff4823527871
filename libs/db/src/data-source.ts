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
    extra: { max: settings.poolSize ?? 10, application_name: settings.applicationName ?? 'baanrian' },
  };
}

export function createDataSource(settings: DatabaseSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}
