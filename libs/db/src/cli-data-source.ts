import { loadConfig } from '@baanrian/config';
import { createDataSource } from './data-source';

/** Entry point for the TypeORM CLI (`npm run migration:generate`). */
export default createDataSource({ url: loadConfig().database.url, applicationName: 'baanrian-cli' });
