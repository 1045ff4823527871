export * from './app-config';
export { DEFAULT_OIDC_CLAIMS, FAILPOINT_NAMES, type FailpointName, OIDC_PROFILE_FIELDS, type OidcClaimMapping, type OidcProfileField } from './env.schema';
export { ConfigError, childEnv, loadConfig, loadLauncherConfig, rawEnv, type RawEnv } from './load-config';
