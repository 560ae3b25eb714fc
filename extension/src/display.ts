// Text from the user's AWS files (profile names, role ARNs, chains, messages) reaches the status bar, quick
// picks, notifications and the details view. A shared config can hold names with control characters,
// bidirectional overrides or VS Code's "$(icon)" syntax; these functions show them as visible escapes.
// The escapes are the ones the language server and the CLI use (internal/safetext), so a name reads the
// same everywhere. Pure.

/** Control and invisible formatting characters, written as \xNN (ASCII) or \uXXXX. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x80) {
      return `\\x${code.toString(16).padStart(2, '0')}`;
    }
    let out = '';
    for (let i = 0; i < c.length; i++) {
      out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    }
    return out;
  });
}

// C0 controls, DEL, C1 controls, line/paragraph separators and the format (Cf) characters.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|\p{Cf}/gu;

/** For labels that VS Code renders with icons (status bar, quick picks): also keeps "$(" literal. */
export function labelText(text: string): string {
  return escapeControl(text).replace(/\$\(/g, '\\$(');
}

/** A Markdown code span whose text cannot close it early: the fence is longer than any run of backticks. */
export function codeSpan(text: string): string {
  const safe = escapeControl(text);
  const longest = Math.max(0, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${safe} ${fence}` : `${fence}${safe}${fence}`;
}

/** Text for HTML (the details webview): control characters escaped, then the markup characters. */
export function escapeHtml(text: string): string {
  return escapeControl(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
