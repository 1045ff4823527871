export * from './test-env';
export * from './smtp-sink';
