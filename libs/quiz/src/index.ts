export * from './grade';
export * from './normalize';
export * from './gift.parse';
export * from './gift.export';
export * from './aiken.parse';
export * from './quiz-result';
