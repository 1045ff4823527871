export * from './app-config';
export { ConfigError, childEnv, loadConfig, loadLauncherConfig, rawEnv, type RawEnv } from './load-config';
