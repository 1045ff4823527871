/* eslint-disable */
export default {
  displayName: 'certificates',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
