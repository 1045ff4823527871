export * from './demo-stack';
export * from './ports';
export * from './postgres';
export * from './processes';
export * from './redis';
export * from './system-packages';
