import pino, { type Logger } from 'pino';

/** Structured logs, one line per event, to stderr so stdout stays free for CLI output. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2));
}
