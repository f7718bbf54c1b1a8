/** Where the status line and the log lines of `titip-relay` go (stderr). */
export interface StatusDisplay {
  /** Shows the current status line: redrawn in place on a terminal, else one line each time it changes. */
  update(line: string): void;
  /** Writes a log line (ending in a newline) without garbling the status line. */
  log(line: string): void;
  /** Leaves the terminal on a fresh line. */
  end(): void;
}

/**
 * The status display of `titip-relay --status` on `write` (stderr). On a terminal (`tty`) the status line is
 * rewritten in place (`\r` … erase to end of line) and log lines are printed above it; otherwise (a file, a pipe,
 * journald) each distinct status line is printed once, on its own line, so a log shows every change and nothing else.
 */
export function statusDisplay(write: (text: string) => void, tty: boolean): StatusDisplay {
  let current = '';
  let last = '';
  return {
    update(line) {
      if (tty) {
        current = line;
        write(`\r${line}\u001b[K`);
      } else if (line !== last) {
        write(`${line}\n`);
      }
      last = line;
    },
    log(line) {
      if (tty && current !== '') write(`\r\u001b[K${line}${current}\u001b[K`);
      else write(line);
    },
    end() {
      if (tty && current !== '') write('\n');
      current = '';
    },
  };
}
