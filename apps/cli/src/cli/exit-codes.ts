/** Exit codes of the Titip commands. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** The operation failed on its inputs: a bad file, a refused credential or submission, rule violations. */
  failed: 1,
  /** Bad command-line arguments. */
  usage: 2,
  /** `submit`: no receipt in time; the submission stays queued for the next run. */
  timeout: 3,
  /**
   * `submit`: delivered and receipted, but another, different submission claims the same revision of this TPS and
   * election (an equivocation): the server holds the TPS out of the totals until a later revision settles it.
   */
  contested: 4,
  /** A bug: an unexpected error (details with `TITIP_DEBUG=1`). */
  internal: 70,
  /** Interrupted (SIGINT). */
  interrupted: 130,
} as const;
