import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { type DynamicModule, Global, Module } from '@nestjs/common';

/** Makes the configuration validated at boot injectable as `@Inject(APP_CONFIG)`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
