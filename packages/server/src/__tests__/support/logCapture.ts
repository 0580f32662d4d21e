import pino, { type Logger } from 'pino';

/** A pino logger writing into memory (a destination stream), and what it wrote. */
export function captureLogs(): {
  logger: Logger;
  lines: () => string[];
  records: () => Record<string, unknown>[];
} {
  const written: string[] = [];
  const logger = pino(
    { level: 'info', base: { service: 'groupkit-server' } },
    { write: (chunk: string) => void written.push(...chunk.split('\n').filter(Boolean)) },
  );
  return {
    logger,
    lines: () => [...written],
    records: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
