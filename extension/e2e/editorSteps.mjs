// The editor itself, as a person editing ~/.aws/config meets it: a Problems panel row that shows its
// fix, completion ranked for the section, quick fixes in the order that works for most roles, and
// hovers that take an ARN apart and link to where a profile is defined. Edits made here are typed,
// never saved, and reverted at the end of the step that made them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG } from './fixtures.mjs';
import { waitFor } from './processes.mjs';

const CAT = 'Rolecall (AWS)';
const ASSUME_KEYS = ['mfa_serial', 'duration_seconds', 'role_session_name', 'external_id'];
const UNKNOWN_KEY = 'Unknown key "regoin"; did you mean "region"?';

/** The steps, after "Open Config File" and the Problems panel. */
export const EDITOR_STEPS = [
  {
    name: 'the Problems panel shows the first sentence of a message, with its fix, on one line',
    needs: ["the Problems panel lists the broken config's diagnostics"],
    async run({ wb, page, shot }) {
      await wb.problems(['regoin'], 30_000);
      const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'regoin' }).first();
      await row.waitFor({ timeout: 10_000 });
      // The row is one line wide and cut off with an ellipsis: measure where the first sentence ends on
      // the screen and whether the row shows that far.
      const seen = await row.evaluate((el, sentence) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let text = '';
        const nodes = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push({ node: n, start: text.length });
          text += n.textContent;
        }
        const at = text.indexOf(sentence);
        if (at < 0) return { text };
        const end = at + sentence.length;
        const last = nodes.filter((x) => x.start < end).pop();
        const range = document.createRange();
        range.setStart(last.node, Math.max(0, end - last.start - 1));
        range.setEnd(last.node, end - last.start);
        const r = range.getBoundingClientRect();
        // The visible width is that of the nearest ancestor that clips.
        let clip = last.node.parentElement;
        while (clip && clip !== el && getComputedStyle(clip).overflow === 'visible') clip = clip.parentElement;
        const box = (clip ?? el).getBoundingClientRect();
        return { text, sentenceRight: r.right, visibleRight: box.right, top: r.top, rowTop: el.getBoundingClientRect().top, rowHeight: el.getBoundingClientRect().height };
      }, UNKNOWN_KEY);
      if (seen.sentenceRight === undefined) throw new Error(`the row does not say "${UNKNOWN_KEY}": "${seen.text}"`);
      if (seen.sentenceRight > seen.visibleRight) {
        throw new Error(`the fix is cut off: the first sentence ends at x=${seen.sentenceRight}, the row shows up to x=${seen.visibleRight}`);
      }
      if (seen.top < seen.rowTop || seen.top > seen.rowTop + seen.rowHeight) throw new Error('the first sentence is not on the row\'s line');
      await shot('problems-one-line', page.locator('.part.panel'));
    },
  },
  {
    name: 'completion in a role profile offers the assume-role keys first, and no secret key',
    needs: ['"Open Config File" opens ~/.aws/config as AWS Config'],
    async run({ wb, page, shot, dirs }) {
      await openConfigAtEnd(wb, page);
      try {
        await typeLines(page, ['', '[profile typed]', 'role_arn = arn:aws:iam::111122223333:role/Typed', 'source_profile = base', '']);
        await page.keyboard.press('Control+Space');
        const labels = await suggestions(page);
        const top = labels.slice(0, ASSUME_KEYS.length);
        if (!ASSUME_KEYS.every((k) => top.includes(k))) {
          throw new Error(`the first suggestions are ${JSON.stringify(labels.slice(0, 8))}; expected ${ASSUME_KEYS.join(', ')} first`);
        }
        const notHere = labels.filter((l) => /^aws_secret_access_key$|^aws_session_token$|^(granted_|azure_)|^autoawsume/.test(l));
        const other = labels.findIndex((l) => /^(granted_|azure_)/.test(l));
        if (notHere.some((l) => l.startsWith('aws_'))) throw new Error(`a role profile is offered ${JSON.stringify(notHere)}`);
        if (other >= 0 && other < labels.indexOf('region')) throw new Error(`another tool's key ${labels[other]} comes before region`);
        await shot('completion-role', page.locator('.editor-group-container.active'));
        await page.keyboard.press('Escape');
      } finally {
        await revert(wb, dirs);
      }
    },
  },
  {
    name: 'the quick fixes for a too-long duration_seconds offer 3600 first, then the maximum, then removing it',
    needs: ['"Open Config File" opens ~/.aws/config as AWS Config'],
    async run({ wb, page, shot, dirs }) {
      await openConfigAtEnd(wb, page);
      try {
        await typeLines(page, ['', '[profile typed]', 'role_arn = arn:aws:iam::111122223333:role/Typed', 'source_profile = base', 'duration_seconds = 50000']);
        // The squiggle shows the server has checked the typed text; the cursor sits at its end.
        await page.locator('.editor-group-container.active .squiggly-error').first().waitFor({ timeout: 15_000 });
        await page.keyboard.press('ArrowLeft');
        const titles = await waitFor('the quick fixes of duration_seconds', async () => {
          await page.keyboard.press('Control+.');
          const rows = page.locator('.action-widget .monaco-list-row.action'); // not the "Quick Fix" heading
          const shown = await rows.first().waitFor({ timeout: 3000 }).then(() => true, () => false);
          const t = shown ? (await rows.allTextContents()).map((s) => s.trim()) : [];
          if (t.some((s) => s.includes('duration_seconds'))) return t;
          await page.keyboard.press('Escape');
          return undefined;
        }, { timeoutMs: 20_000, intervalMs: 300 });
        const at = (re) => titles.findIndex((s) => re.test(s));
        const order = [at(/^Set duration_seconds to 3600 \(1 hour\)/), at(/^Set duration_seconds to 43200/), at(/^Remove duration_seconds/)];
        if (order.includes(-1) || !(order[0] < order[1] && order[1] < order[2])) {
          throw new Error(`the quick fixes are ${JSON.stringify(titles)}; expected 3600, then 43200, then removing the key`);
        }
        await shot('quick-fix-duration', page.locator('.editor-group-container.active'));
        // The list has the focus, on its first action: 3600 is applied with Enter, as a person does.
        if (order[0] !== 0) throw new Error(`the first quick fix is "${titles[0]}", not 3600`);
        await page.keyboard.press('Enter');
        await waitFor('the fix applied', async () => (await wb.activeEditorText()).includes('duration_seconds = 3600'), { timeoutMs: 10_000 }).catch(async (err) => {
          await shot('quick-fix-not-applied', page.locator('.editor-group-container.active'));
          throw new Error(`${err.message}; the editor shows: ${JSON.stringify((await wb.activeEditorText()).slice(-300))}`);
        });
      } finally {
        await revert(wb, dirs);
      }
    },
  },
  {
    name: 'hovers: a role ARN shows its account and role; "Defined in" is a link that opens the line',
    needs: ['"Open Config File" opens ~/.aws/config as AWS Config'],
    async run({ wb, page, shot }) {
      await wb.runCommand(`${CAT}: Open Config File`);
      await page.locator('.tab.active', { hasText: 'config' }).waitFor({ timeout: 15_000 });
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
      await page.keyboard.press('Control+Home');
      const arnHover = await hoverOver(page, 'arn:aws:iam::111122223333:role/Admin', 'arn:aws:iam::111122223333:role/Admin', 'IAM role');
      for (const want of ['IAM role', '111122223333', 'Admin']) {
        if (!arnHover.includes(want)) throw new Error(`the ARN's hover lacks "${want}": "${arnHover.slice(0, 300)}"`);
      }
      await shot('hover-arn', page.locator('.editor-group-container.active'));
      await page.keyboard.press('Escape');
      const profileHover = await hoverOver(page, 'base', 'source_profile', 'Defined in');
      if (!/Defined in: credentials line 1/.test(profileHover)) throw new Error(`the hover of base does not say where it is defined: "${profileHover.slice(0, 300)}"`);
      await shot('hover-profile', page.locator('.editor-group-container.active'));
      await page.locator('.monaco-hover a', { hasText: 'credentials line 1' }).first().click();
      await page.locator('.tab.active', { hasText: 'credentials' }).waitFor({ timeout: 15_000 });
      await waitFor('the cursor on line 1 of credentials', async () => /^Ln 1,/.test(await wb.cursorPosition()), { timeoutMs: 10_000 });
      await wb.runCommand('View: Close All Editors');
    },
  },
];

/** Opens the config file and puts the cursor at its end. */
async function openConfigAtEnd(wb, page) {
  await wb.runCommand(`${CAT}: Open Config File`);
  await page.locator('.tab.active', { hasText: 'config' }).waitFor({ timeout: 15_000 });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
}

/** Types lines as a person would, closing any suggestion list before each new line. */
async function typeLines(page, lines) {
  for (const [i, line] of lines.entries()) {
    if (i > 0) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Home'); // no indentation carried over
    }
    if (line) await page.keyboard.insertText(line);
  }
}

/** The labels of the open suggestion list, in its order. */
async function suggestions(page) {
  const rows = page.locator('.suggest-widget .monaco-list-row');
  await rows.first().waitFor({ timeout: 15_000 });
  const labels = page.locator('.suggest-widget .monaco-list-row .label-name');
  return (await labels.allTextContents()).map((s) => s.trim());
}

/** Discards the unsaved edits of the active editor and closes it; the file on disk was never changed. */
async function revert(wb, dirs) {
  await wb.page.keyboard.press('Escape');
  await wb.runCommand('View: Revert and Close Editor');
  await wb.page.locator('.tab.dirty').first().waitFor({ state: 'detached', timeout: 10_000 });
  if (readFileSync(join(dirs.home, '.aws', 'config'), 'utf8') !== CONFIG) throw new Error('the typed edits reached the config file on disk');
}

/** Hovers over a word of the active editor (on the line that also holds `onLine`) and returns the hover's text. */
export async function hoverOver(page, word, onLine = word, mustSay = '') {
  const line = page.locator('.editor-group-container.active .view-line').filter({ hasText: onLine }).first();
  await line.waitFor({ timeout: 15_000 });
  return waitFor(`the hover over "${word}"`, async () => {
    // Measured again at each try: a code lens that arrives late moves every line below it down.
    const box = await wordBox(line, word);
    if (!box) return undefined; // the line is being drawn again
    await page.mouse.move(box.x + 40, box.y + 200);
    await page.mouse.move(box.x, box.y);
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    const shown = await hover.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
    const text = shown ? ((await hover.innerText()) ?? '') : '';
    // A hover of the line around the word can show first (the profile's): wait for the word's own.
    return text.length > 0 && text.includes(mustSay) ? text : undefined;
  }, { timeoutMs: 20_000, intervalMs: 300 });
}

/** The middle of the first character of the last occurrence of word on a rendered line, if it is there. */
async function wordBox(line, word) {
  return line.evaluate((el, w) => {
    const text = el.textContent.replace(/\u00a0/g, ' ');
    const at = text.lastIndexOf(w);
    if (at < 0) return undefined;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.textContent.length;
      if (at < seen + len) {
        const range = document.createRange();
        range.setStart(n, at - seen);
        range.setEnd(n, Math.min(len, at - seen + 1));
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      seen += len;
    }
    return undefined;
  }, word);
}
