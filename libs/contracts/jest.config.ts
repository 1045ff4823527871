/* eslint-disable */
export default {
  displayName: 'contracts',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
