import pino, { type Logger } from 'pino';

/** A logger that keeps every line it writes, parsed (in `lines`, or a list the caller keeps), for tests about what is logged. */
export function createCapturedLogger(level = 'info', lines: Record<string, any>[] = []): { logger: Logger; lines: Record<string, any>[] } {
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}
