import type { PhotoRef } from '@titip/records';

/**
 * The image type of `bytes` by their magic bytes: JPEG (`FF D8 FF`), PNG (`89 50 4E 47 0D 0A 1A 0A`) or WebP
 * (`RIFF` … `WEBP`); `undefined` for anything else. The file name is never looked at.
 */
export function photoTypeOf(bytes: Uint8Array): PhotoRef['type'] | undefined {
  const at = (offset: number, magic: readonly number[]) => bytes.length >= offset + magic.length && magic.every((b, i) => bytes[offset + i] === b);
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (bytes.length >= 16 && at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return undefined;
}
