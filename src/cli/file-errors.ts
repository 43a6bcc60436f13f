import { CliUsageError } from './cli-errors.ts';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  EEXIST: 'it already exists',
  EMFILE: 'too many open files',
  EDQUOT: 'the disk quota is used up',
};

const ACTIONS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write to',
  rename: 'rename',
  stat: 'find',
  lstat: 'find',
  unlink: 'remove',
  mkdir: 'create',
};

/** Why a file operation failed, in words: "no such file or directory (ENOENT)"; null when the error is not a file error. */
export function fileErrorReason(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!(error instanceof Error) || typeof code !== 'string') return null;
  return `${REASONS[code] ?? error.message} (${code})`;
}

/**
 * A file the command could not read or write (ENOENT, EACCES, ENOSPC…) as one sentence naming
 * the path, or null for any other error: such an error is the user's to fix, not a bug with a stack.
 */
export function describeFileError(error: unknown): string | null {
  const system = error as NodeJS.ErrnoException | null;
  const reason = fileErrorReason(error);
  if (reason === null || typeof system?.path !== 'string') return null;
  return `cannot ${ACTIONS[system.syscall ?? ''] ?? 'use'} ${system.path}: ${reason}`;
}

/** The import's input file could not be read: exit 1 with the reason in words. */
export function fileReadError(path: string, error: unknown): CliUsageError {
  return new CliUsageError(`cannot read ${path}: ${fileErrorReason(error) ?? (error as Error).message}`);
}
