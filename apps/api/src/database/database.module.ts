import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { dataSourceOptions } from '@baanrian/db';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        dataSourceOptions({ url: config.database.url, poolSize: config.database.poolSize, applicationName: 'baanrian-api' }),
    }),
  ],
})
export class DatabaseModule {}
