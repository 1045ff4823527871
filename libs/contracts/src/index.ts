export * from './account';
export * from './course';
export * from './locale';
export * from './target-group';
