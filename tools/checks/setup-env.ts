// Nx computes the project graph inside @nx/enforce-module-boundaries; in tests
// it must neither start a daemon nor try to reach Nx Cloud.
process.env.NX_DAEMON = 'false';
process.env.NX_NO_CLOUD = 'true';
