import type pg from 'pg';

interface SetAside {
  foreignKeys: { table: string; name: string; def: string }[];
  constraints: { table: string; name: string; def: string }[];
  indexes: { name: string; def: string }[];
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Runs `work` with the bulk tables' indexes, primary and unique keys and foreign keys set aside,
 * then puts every one back exactly as it was (from pg_get_constraintdef / pg_get_indexdef, same
 * names), in the caller's transaction. Loading 25 million rows into a table that checks two
 * foreign keys per row (each a locking lookup) and inserts random uuids into a btree costs several
 * times more than loading it bare and building the index once, sorted, with the parallel workers;
 * each foreign key is then checked once, by one join. A key that a table outside `tables` refers
 * to stays (it could not be dropped without dropping that reference too). Rows of other origin in
 * these tables are checked again with the rest: nothing is left unverified.
 */
export async function withBulkTables<T>(client: pg.ClientBase, tables: readonly string[], work: () => Promise<T>, log: (line: string) => void = () => undefined): Promise<T> {
  const { rows: foreignKeys } = await client.query<{ table: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE contype = 'f' AND conrelid = ANY($1::regclass[]) ORDER BY conrelid::regclass::text, conname`,
    [tables],
  );
  const { rows: constraints } = await client.query<{ table: string; name: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
      WHERE c.contype IN ('p', 'u') AND c.conrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid AND NOT (f.conrelid = ANY($1::regclass[])))
      ORDER BY c.contype, 1, 2`,
    [tables],
  );
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
      WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
      ORDER BY 1`,
    [tables],
  );
  const aside: SetAside = { foreignKeys, constraints, indexes };
  for (const fk of aside.foreignKeys) await client.query(`ALTER TABLE ${q(fk.table)} DROP CONSTRAINT ${q(fk.name)}`);
  for (const c of aside.constraints) await client.query(`ALTER TABLE ${q(c.table)} DROP CONSTRAINT ${q(c.name)}`);
  for (const index of aside.indexes) await client.query(`DROP INDEX ${index.name}`);
  const result = await work();
  // Sorting 25 million keys in memory instead of in many runs on disk; the hash joins that check
  // the foreign keys likewise. Back to the session's values afterwards.
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query(`SET work_mem = '256MB'`);
  const timed = async (what: string, sql: string) => {
    const t0 = performance.now();
    await client.query(sql);
    log(`  ${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  for (const c of aside.constraints) await timed(`${c.table} ${c.name}`, `ALTER TABLE ${q(c.table)} ADD CONSTRAINT ${q(c.name)} ${c.def}`);
  for (const index of aside.indexes) await timed(index.name, index.def);
  for (const fk of aside.foreignKeys) await timed(`${fk.table} ${fk.name}`, `ALTER TABLE ${q(fk.table)} ADD CONSTRAINT ${q(fk.name)} ${fk.def}`);
  await client.query('RESET maintenance_work_mem');
  await client.query('RESET work_mem');
  return result;
}
