/** Quotes a word for POSIX sh: single quotes, with embedded ones closed, escaped and reopened. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Quotes a word for a systemd unit setting such as ExecStart= or Environment=: double quotes with C escapes,
 * and % doubled because systemd expands %-specifiers there.
 */
export function systemdQuote(word: string): string {
  const escaped = word.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/%/g, "%%");
  return /^[A-Za-z0-9_@+=:,./-]+$/.test(word) ? escaped : `"${escaped}"`;
}

/** Quotes a value for a Dockerfile ENV line: double quotes, with backslash, quote and $ (variable expansion) escaped. */
export function dockerfileQuote(value: string): string {
  return `"${value.replace(/[\\"$]/g, "\\$&")}"`;
}
