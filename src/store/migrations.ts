import type Database from 'better-sqlite3';

/** One step of the schema, applied once, in order; a released step is never edited (add the next one). */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'entries: one row per key of each kind, with its expiry',
    sql: `
      CREATE TABLE entries (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (kind, key)
      );
      CREATE INDEX entries_by_expiry ON entries (kind, expires_at);
    `,
  },
];

export class SchemaTooNewError extends Error {}

/**
 * Brings the database to the newest schema. Runs in one IMMEDIATE transaction, so that two processes
 * starting on the same file do not both apply a step.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS, now = Date.now()): number {
  const latest = migrations.at(-1)?.version ?? 0;
  return db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    const { current } = db.prepare('SELECT coalesce(max(version), 0) AS current FROM schema_version').get() as { current: number };
    if (current > latest) {
      throw new SchemaTooNewError(`the database has schema version ${current}, newer than this version of the bot knows (${latest}); run a newer bot or another STORE_URL`);
    }
    const record = db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)');
    for (const m of migrations.filter((x) => x.version > current)) {
      db.exec(m.sql);
      record.run(m.version, m.description, now);
    }
    return latest;
  }).immediate();
}
