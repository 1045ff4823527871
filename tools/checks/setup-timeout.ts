// testTimeout in a project config is ignored when this project runs under the
// root multi-project jest.config.ts, so set it here as well. The first Nx
// project-graph computation (inside the ESLint rule) is slow.
jest.setTimeout(60_000);
