import type { z } from 'zod';
import type { ValidationIssue } from './errors.js';

/** Turns zod issues into `{path, message}` pairs with dotted paths (internal). */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => String(p)).join('.'),
    message: issue.message,
  }));
}
