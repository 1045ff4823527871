export * from './account';
export * from './course';
export * from './locale';
export * from './target-group';
export * from './start-page';
export * from './oidc';
export * from './consent';
export * from './sign-in-card';
