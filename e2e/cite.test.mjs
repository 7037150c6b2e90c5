// Browser end-to-end test of the day a reader read an article, in its
// "Cite this" box. The page is cached, the same for every reader, so the
// server cannot write that day; the site's script adds "Accessed DATE." to
// both citations (plain text and HTML), in the page's language and written
// as the site writes its own dates: English Gregorian; Dari and Pashto the
// Solar Hijri date with Afghanistan's month names and Eastern Arabic digits,
// the Gregorian beside it. The script takes the Solar Hijri numbers from
// Chromium's Persian calendar (Intl), so the test checks them against the
// server's own calendar (askaf-content's calendar.rs): the expected date is
// what the server writes for that day, asked of the editor's live preview
// (the article's page with `updated` set to the day, its "Updated DATE").
//
//   - /en/, /fa/, /ps/ article: today's date in both citations, the Copy
//     button copies the text with it, no browser error, axe passes; the
//     HTML one's box reads left to right, its Dari and Pashto (the day read
//     included) isolated right to left;
//   - the browser's clock set (in Kabul's time zone) to days around Nowruz
//     and the first days of months, in each language: the date the server
//     writes for that day;
//   - with JavaScript disabled: both citations exactly as the server wrote them.
//
// Run: npm ci --prefix e2e && cargo build -p askaf --all-features && node --test e2e/cite.test.mjs

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  axeProblems,
  defineSuiteIfPrerequisites,
  launchChromium,
  leftOf,
  startAskaf,
  watchErrors,
} from './lib/browser.mjs';

const EDITOR = { name: 'editor1', role: 'editor', password: 'e2e editor password' };
const SLUG = 'who-governs-afghanistan';
const LANGS = ['en', 'fa', 'ps'];
// The words before a date: the page's "Updated DATE" and the citation's
// "Accessed DATE." (locales/*/main.ftl: updated-on, citation-accessed).
const UPDATED = { en: 'Updated ', fa: 'به\u200cروز شده در ', ps: 'تازه شوې: ' };
const ACCESSED = { en: 'Accessed ', fa: 'دیده شده در ', ps: 'کتل شوې: ' };
// Days where a calendar can slip: the last day of a leap year (30 Hut
// 1403) and the Nowruz after it, Nowruz of 1405 and of 1406 and the day
// before each, the first and last days of months of both lengths, and the
// first and last day of a Gregorian year.
const DAYS = [
  '2024-03-19', '2024-03-20', '2025-03-20', '2025-03-21', '2026-03-20', '2026-03-21',
  '2026-09-22', '2026-09-23', '2026-11-22', '2026-12-05', '2026-12-31', '2027-01-01',
  '2027-03-20', '2027-03-21', '2028-03-19', '2028-03-20',
];

defineSuiteIfPrerequisites(defineSuite, {
  skipName: 'citation access date browser e2e',
  failName: 'browser e2e prerequisites for the citation access date (ASKAF_REQUIRE_EXTERNAL=1)',
});

/** `YYYY-MM-DD` of `page`'s today, in its browser's time zone. */
function browserToday(page) {
  return page.evaluate(() => {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
}

/** The two citations' text as the page shows them. */
async function citations(page) {
  return {
    plain: await page.locator('#cite-plain').textContent(),
    html: await page.locator('#cite-html').textContent(),
  };
}

/**
 * The citations as the server wrote them (the JSON API's, which the page's
 * are), with "Accessed DATE." put before their ends: the URL, the reuse link.
 */
function withAccessed(served, lang, date) {
  const sentence = `${ACCESSED[lang]}${date}.`;
  const put = (text, end) => {
    const at = text.lastIndexOf(end);
    assert.ok(at > 0 && at + end.length === text.length, `${text} does not end with ${end}`);
    return `${text.slice(0, at)}${sentence} ${end}`;
  };
  return {
    plain: put(served.plain, served.url),
    html: put(served.html, served.html.slice(served.html.lastIndexOf('<a '))),
  };
}

function defineSuite() {
  describe('The access date in "Cite this", in headless Chromium', { timeout: 10 * 60_000 }, () => {
    let server;
    let browser;
    let editorPage;
    const served = {};

    /**
     * The date `iso` as the server writes it on a `lang` page: the editor's
     * live preview of the article with `updated` set to it, its "Updated DATE".
     */
    async function serverDate(lang, iso) {
      const label = await editorPage.evaluate(async (day) => {
        const form = document.querySelector('form.editor-form');
        const fields = new FormData(form);
        // Published that day too: an article updated before it was published does not parse.
        fields.set('published', day);
        fields.set('updated', day);
        const r = await fetch('/admin/articles/preview', { method: 'POST', body: new URLSearchParams(fields) });
        const doc = new DOMParser().parseFromString(await r.text(), 'text/html');
        return { status: r.status, time: doc.querySelector('.meta time')?.textContent ?? '' };
      }, iso);
      assert.equal(label.status, 200, `preview of ${lang} for ${iso}`);
      assert.ok(label.time.startsWith(UPDATED[lang]), `preview of ${lang} for ${iso}: "${label.time}"`);
      return label.time.slice(UPDATED[lang].length);
    }

    async function openEditor(lang) {
      await editorPage.goto(`${server.baseUrl}/admin/articles/${lang}/${SLUG}/edit`, { waitUntil: 'load' });
      assert.equal(await editorPage.locator('#ed-updated').count(), 1, `the editor of /${lang}/${SLUG}`);
    }

    before(async () => {
      server = await startAskaf({ users: [EDITOR] });
      browser = await launchChromium();
      for (const lang of LANGS) {
        const res = await fetch(`${server.baseUrl}/api/v1/articles/${lang}/${SLUG}`);
        assert.equal(res.status, 200, `/api/v1/articles/${lang}/${SLUG}`);
        const body = await res.json();
        served[lang] = { plain: body.citation.text, html: body.citation.html, url: `${server.baseUrl}/${lang}/${SLUG}` };
      }
      const context = await browser.newContext();
      editorPage = await context.newPage();
      await editorPage.goto(`${server.baseUrl}/admin/articles`, { waitUntil: 'load' });
      await editorPage.getByLabel('Username').fill(EDITOR.name);
      await editorPage.getByLabel('Password').fill(EDITOR.password);
      await Promise.all([
        editorPage.waitForURL((u) => u.pathname === '/admin/articles'),
        editorPage.getByRole('button', { name: 'Log in' }).click(),
      ]);
    });

    after(async () => {
      if (browser) await browser.close().catch(() => {});
      if (server) await server.stop();
    });

    test("today's date in both citations and what Copy copies, in each language", { timeout: 180_000 }, async (t) => {
      const problems = [];
      for (const lang of LANGS) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
        const page = await context.newPage();
        const errors = watchErrors(page, server.baseUrl);
        await page.goto(`${server.baseUrl}/${lang}/${SLUG}`, { waitUntil: 'load' });
        const today = await browserToday(page);
        await openEditor(lang);
        const date = await serverDate(lang, today);
        t.diagnostic(`${lang}: ${today} is "${date}"`);
        const expected = withAccessed(served[lang], lang, date);
        assert.deepEqual(await citations(page), expected, `/${lang}/${SLUG} on ${today}`);
        // The HTML box is code, left to right; its Dari and Pashto, the day
        // read the script wrote among them, each isolated right to left.
        assert.equal(await page.locator('#cite-html').getAttribute('dir'), 'ltr');
        if (lang !== 'en') {
          // The Arabic comma that opens the text after the title is drawn
          // right of "AskAfghanistan", as the line reads right to left;
          // in the box's own order it stood at its left.
          assert.ok(
            await leftOf(page, '#cite-html', '\u060c AskAfghanistan', 2, 0),
            `/${lang}/${SLUG}: the citation's date reads right to left`,
          );
          const day = page.locator(`#cite-html bdi.cite-accessed[lang="${lang}"][dir="rtl"]`);
          assert.ok((await day.textContent()).startsWith(ACCESSED[lang]), `/${lang}/${SLUG}: the day read, isolated`);
        }
        const copy = page.locator('.cite-text#cite-plain + button.copy-button');
        await copy.click();
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected.plain, `Copy on /${lang}/${SLUG}`);
        await page.locator('.cite-text#cite-html + button.copy-button').click();
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected.html, `Copy (HTML) on /${lang}/${SLUG}`);
        problems.push(...errors.map((e) => `/${lang}/${SLUG}: ${e}`));
        problems.push(...(await axeProblems(page, t, `/${lang}/${SLUG} with the access date`)));
        await context.close();
      }
      assert.deepEqual(problems, [], problems.join('\n'));
    });

    test('the date is the server\'s around Nowruz and month starts, in Kabul\'s time', { timeout: 240_000 }, async () => {
      const wrong = [];
      for (const lang of LANGS) {
        await openEditor(lang);
        const context = await browser.newContext({ timezoneId: 'Asia/Kabul' });
        const page = await context.newPage();
        for (const day of DAYS) {
          // Ten past midnight in Kabul, still the day before in UTC: the
          // reader's own day counts, in both calendars.
          await page.clock.setFixedTime(new Date(`${day}T00:10:00+04:30`));
          await page.goto(`${server.baseUrl}/${lang}/${SLUG}`, { waitUntil: 'load' });
          assert.equal(await browserToday(page), day);
          const expected = withAccessed(served[lang], lang, await serverDate(lang, day));
          const shown = await citations(page);
          if (shown.plain !== expected.plain) wrong.push(`${lang} ${day}: shows\n  ${shown.plain}\nnot\n  ${expected.plain}`);
          if (shown.html !== expected.html) wrong.push(`${lang} ${day} (HTML): shows\n  ${shown.html}\nnot\n  ${expected.html}`);
        }
        await context.close();
      }
      assert.deepEqual(wrong, [], wrong.join('\n'));
    });

    // The editor's live preview is the article as its page will show it:
    // its citations gain the day too, each time the preview is shown again.
    // Before, only the page's own citations did (the script ran once, at load).
    test("the editor's live preview adds today's date to both citations, as the page does", { timeout: 120_000 }, async () => {
      const wrong = [];
      for (const lang of LANGS) {
        await openEditor(lang);
        const today = await browserToday(editorPage);
        const expected = withAccessed(served[lang], lang, await serverDate(lang, today));
        const frame = editorPage.locator('.live-preview .preview-frame');
        await frame.locator('#cite-plain').waitFor();
        const shownBefore = await frame.locator('#cite-plain').elementHandle();
        // Shown again after an edit, as the editor types.
        const again = editorPage.waitForResponse((r) => new URL(r.url()).pathname === '/admin/articles/preview');
        await editorPage.locator('#ed-summary').press('End');
        await editorPage.locator('#ed-summary').press('Space');
        await again;
        // Until the preview is shown again, its citations replaced (not a
        // fixed 300 ms, which a loaded machine may outlast, the last
        // preview's citations then read).
        await editorPage.waitForFunction((el) => !el.isConnected, shownBefore);
        const shown = {
          plain: await frame.locator('#cite-plain').textContent(),
          html: await frame.locator('#cite-html').textContent(),
        };
        if (shown.plain !== expected.plain) wrong.push(`${lang}: the preview shows\n  ${shown.plain}\nnot\n  ${expected.plain}`);
        if (shown.html !== expected.html) wrong.push(`${lang} (HTML): the preview shows\n  ${shown.html}\nnot\n  ${expected.html}`);
      }
      assert.deepEqual(wrong, [], wrong.join('\n'));
    });

    test('without JavaScript both citations are as the server wrote them', { timeout: 120_000 }, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      for (const lang of LANGS) {
        await page.goto(`${server.baseUrl}/${lang}/${SLUG}`, { waitUntil: 'load' });
        assert.deepEqual(await citations(page), { plain: served[lang].plain, html: served[lang].html }, `/${lang}/${SLUG} without JavaScript`);
      }
      await context.close();
    });
  });
}
