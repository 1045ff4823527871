import { mediaSuite } from './media-suite';

// Media in an S3-compatible store: a real s3rver process started by the suite, no mocks.
mediaSuite('s3');
