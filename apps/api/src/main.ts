import 'reflect-metadata';
import { ConfigError, loadConfig } from '@baanrian/config';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi(config);
  try {
    await app.listen(config.http.port, config.http.host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError('PORT', `${config.http.port} is already in use on ${config.http.host}: stop the other program or choose another PORT`);
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  // One line, no stack, for configuration mistakes; everything else in full.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
