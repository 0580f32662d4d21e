// drizzle-kit: `npm run db:generate -w @groupkit/server` writes a migration for schema changes.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
