// The command links under the status bar tooltip of an active session. Pure. The tooltip is a
// MarkdownString trusted for these commands only (isTrusted = {enabledCommands}), so that text from the
// AWS files in the rest of the tooltip can never run anything else.

export const TOOLTIP_COMMANDS = ['rolecall.openConsole', 'rolecall.chooseRegion'] as const;

const LINKS = '[$(globe) Open Console](command:rolecall.openConsole "Open the AWS console as this role") · ' +
  '[$(location) Choose Region…](command:rolecall.chooseRegion "Choose the region terminals and the console use")';

/** The tooltip with the session's command links, when it describes a session (a click refreshes). */
export function withSessionLinks(tooltip: string, clickCommand: string): string {
  return clickCommand === 'rolecall.refresh' ? `${tooltip}\n\n${LINKS}` : tooltip;
}
