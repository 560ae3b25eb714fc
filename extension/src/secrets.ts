// The extension shows access key IDs only masked, even when a server sent one in full by mistake.

/**
 * The shortest access key ID AWS issues. A shorter value would give away too much of itself in its
 * first and last four characters, so it is not shown at all (as awsfiles.MaskAccessKeyID does; both
 * tests read awsfiles/testdata/masked-key-ids.json).
 */
const MIN_MASKED_KEY_ID = 16;

/** `AKIAIOSFODNN7EXAMPLE` → `AKIA…MPLE`. Already masked or short values come back masked too. */
export function maskAccessKeyId(id: string): string {
  if (id.includes('…')) {
    return id;
  }
  const chars = [...id]; // characters, not UTF-16 units: never half a character
  if (chars.length < MIN_MASKED_KEY_ID) {
    return '…';
  }
  return `${chars.slice(0, 4).join('')}…${chars.slice(-4).join('')}`;
}
