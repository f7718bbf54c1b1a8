import { z } from 'zod';

/** Largest number a C.Hasil field may hold in Titip (the paper boxes hold 999; above that is a warning). */
export const maxCount = 99_999;
/** Largest number the paper form's 3-digit boxes can hold: above it the `box-overflow` warning fires. */
export const maxBoxValue = 999;

/** A count on the form: a non-negative integer up to {@link maxCount} (no floats, negatives, NaN or strings). */
export const countSchema = z.int().min(0).max(maxCount);
