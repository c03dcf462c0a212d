export { type ConnectOptions, connectDatabase, type Database } from "./connect.js";
export { addSerialId, chunkRows, type DialectInfo, postgresDialect, sqliteDialect } from "./dialect.js";
export { migrateToLatest } from "./migrate.js";
export type { DB } from "./schema.js";
