import pino, { type Logger } from 'pino';

/** A logger that keeps every line it writes, parsed, for tests about what is logged. */
export function createCapturedLogger(level = 'info'): { logger: Logger; lines: Record<string, any>[] } {
  const lines: Record<string, any>[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}
