import type { z } from 'zod';
import { ConfigFileError } from './errors.js';

/** Parses JSON text against a schema, turning every failure into a {@link ConfigFileError}. */
export function parseJsonFile<T>(text: string, schema: z.ZodType<T>, what: string, file?: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigFileError('CONFIG_NOT_JSON', `${what} is not JSON: ${(error as Error).message}`, file);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigFileError('CONFIG_SHAPE', `not a valid ${what}: ${issues.join('; ')}`, file);
  }
  return parsed.data;
}
