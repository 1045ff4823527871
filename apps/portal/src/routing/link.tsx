/**
 * The portal's link is the design-system Link (RAC, wired to our router in AppProviders).
 * Kept as a re-export so older imports keep working.
 */
export { Link } from '../ui/link';
