import { z } from 'zod';

/** The most pages a form has (`MAX_PHOTO_PAGE` of the photo reference). */
const MAX_PAGE = 99;

/** `PAGE=PATH` photo files, e.g. `1=halaman-1.jpg`: the photo of page PAGE (from 1) is in the file PATH. */
export const photoFilesArg = z.array(z.string()).transform((values, ctx): { page: number; path: string }[] =>
  values.map((value) => {
    const at = value.indexOf('=');
    const page = at === -1 ? Number.NaN : Number(value.slice(0, at));
    const path = at === -1 ? '' : value.slice(at + 1);
    if (!/^\d{1,2}$/.test(value.slice(0, Math.max(0, at))) || !Number.isInteger(page) || page < 1 || page > MAX_PAGE || path === '') {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value.slice(0, 120))}: expected PAGE=PATH with PAGE 1 to ${MAX_PAGE}, e.g. 1=halaman-1.jpg` });
      return z.NEVER;
    }
    return { page, path };
  }),
);
