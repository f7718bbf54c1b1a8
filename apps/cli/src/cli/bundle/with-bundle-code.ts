import { BundleError } from '@titip/sync';

/**
 * Runs `action`; a {@link BundleError} it throws comes out with its stable code appended to the message
 * (`… copy it again (BUNDLE_CHECKSUM)`), so the person at the keyboard can report exactly what was refused, and
 * prefixed with `file` when the message does not name a file yet.
 */
export async function withBundleCode<T>(action: () => Promise<T>, file?: string): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof BundleError && !error.message.endsWith(`(${error.code})`)) {
      const named = file !== undefined && error.detail.file === undefined;
      const message = `${named ? `${file}: ` : ''}${error.message} (${error.code})`;
      throw new BundleError(error.code, message, named ? { ...error.detail, file } : error.detail, { cause: error });
    }
    throw error;
  }
}
