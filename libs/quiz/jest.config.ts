/* eslint-disable */
export default {
  displayName: 'quiz',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
