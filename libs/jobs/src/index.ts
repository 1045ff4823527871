export * from './job-map';
export * from './queues';
export * from './sealed-token';
