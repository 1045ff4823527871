import { mediaSuite } from './media-suite';

// Media on local disk (the default storage).
mediaSuite('local');
