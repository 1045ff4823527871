/** `'a', 'b'` from a list of fixed identifiers (contract enums), for CHECK constraints. */
export function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ');
}
