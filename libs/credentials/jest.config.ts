/* eslint-disable */
export default {
  displayName: 'credentials',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
