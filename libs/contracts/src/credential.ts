/**
 * Images on certificates (template logo, signatures, the issuer's image): the PDF renderer draws
 * PNG and JPEG only, and every image is embedded in every certificate PDF, so they are kept small.
 * The portal checks a file before uploading it; the API checks the uploaded media when a template
 * or the issuer profile refers to it.
 */
export const CERTIFICATE_IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;
export const CERTIFICATE_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

/** Issued certificates per page in the administrators' list. */
export const CREDENTIAL_ADMIN_PAGE_SIZE = 20;
