export * from './job-map';
export * from './queues';
