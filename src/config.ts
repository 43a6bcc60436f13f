import { z } from 'zod';

/**
 * The only module that reads process.env. Every variable is documented in README.md
 * ("Configuration"); a bad value stops the process with a message naming the variable.
 */

const integer = (fallback: number, minimum: number, maximum: number) =>
  z.coerce.number().int().min(minimum).max(maximum).default(fallback);

const EnvironmentSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: integer(8000, 0, 65_535),
  FATHOM_DB_PATH: z.string().min(1).default('./data/fathom.db'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  FATHOM_DB_POOL_SIZE: integer(10, 1, 200),
  FATHOM_API_TOKEN: z.string().min(16, 'must be at least 16 characters').optional().or(z.literal('').transform(() => undefined)),
  FATHOM_MAX_BODY_BYTES: integer(10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  FATHOM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  host: string;
  port: number;
  database: { engine: 'sqlite'; path: string } | { engine: 'postgres'; connectionString: string; poolSize: number };
  /** A token that is always valid for the default workspace (scripts, CI). */
  apiToken: string | undefined;
  maxBodyBytes: number;
  logLevel: z.infer<typeof EnvironmentSchema>['FATHOM_LOG_LEVEL'];
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Build the config from an environment (process.env by default). Throws ConfigError naming the variable. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  return {
    host: values.HOST,
    port: values.PORT,
    database: values.DATABASE_URL
      ? { engine: 'postgres', connectionString: values.DATABASE_URL, poolSize: values.FATHOM_DB_POOL_SIZE }
      : { engine: 'sqlite', path: values.FATHOM_DB_PATH },
    apiToken: values.FATHOM_API_TOKEN,
    maxBodyBytes: values.FATHOM_MAX_BODY_BYTES,
    logLevel: values.FATHOM_LOG_LEVEL,
  };
}
