// The registry source, loaded only when a run reads from a registry.
export { readFromRegistry, type RegistryReadOptions } from './read-from-registry.js';
export { findCredentials } from './credentials.js';
export { trustedCas } from './trusted-cas.js';
export { parseRegistryReference, formatReference } from './reference.js';
