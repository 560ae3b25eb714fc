// The extension shows access key IDs only masked, even when a server sent one in full by mistake.

/** `AKIAIOSFODNN7EXAMPLE` → `AKIA…MPLE`. Already masked or short values come back masked too. */
export function maskAccessKeyId(id: string): string {
  if (id.includes('…')) {
    return id;
  }
  if (id.length <= 8) {
    return '…';
  }
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}
