// Browser end-to-end tests for the comment a reader typed and did not send.
//
// Starts the real `askaf` binary (env ASKAF_BIN, default <repo>/target/debug/askaf)
// on a free port with a fresh data directory, a moderator account, and
// `--comment-min-seconds 0`; then drives Debian's headless Chromium through
// playwright-core, as a reader would, each test in a browser context of its
// own (its own localStorage):
//   - a comment typed under /en/, /fa/ and /ps/who-governs-afghanistan comes
//     back after a reload and after the tab is closed, into an empty box,
//     with a notice in the page's language (the translation file's words)
//     and a button to discard it; the name and the email are not kept; the
//     page with the notice passes axe (light and dark) and langProblems;
//   - the discard button empties the box, and the comment does not come back;
//   - a post the server refuses (a name of spaces, 400) keeps it: the article
//     page offers it again; a post that is taken (held for a moderator, or
//     published at once for a signed-in moderator) drops it;
//   - each reply form keeps its own, apart from the article's;
//   - kept for a week: six days on it comes back, eight days on it is gone,
//     dropped by any article's page;
//   - with localStorage and sessionStorage refusing (as a private window, or
//     storage blocked, may), no browser error and the form still posts.
//
// Run: npm ci --prefix e2e && cargo build -p askaf --all-features && node --test e2e/comment-drafts.test.mjs
//
// If /usr/bin/chromium or e2e/node_modules is missing, the tests are skipped with
// a message, unless ASKAF_REQUIRE_EXTERNAL=1, in which case they fail.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  REPO_DIR,
  SCREENSHOTS,
  axeProblems,
  defineSuiteIfPrerequisites,
  langProblems,
  launchChromium,
  normalizeSpace,
  startAskaf,
  watchErrors,
} from './lib/browser.mjs';

const TEST_TIMEOUT = 120_000;
const NAV_TIMEOUT = 15_000;
const DESKTOP = { viewport: { width: 1280, height: 800 }, colorScheme: 'light' };
const SLUG = 'who-governs-afghanistan';
const MODERATOR = { name: 'moderator1', role: 'moderator', password: 'e2e moderator password' };
const DAY = 24 * 60 * 60 * 1000;

// Long comments, as a reader writes over lunch, one in each language; the
// name and email are the reader's on a shared computer, never to be kept.
const READER = { name: 'Reader At The Library', email: 'library-reader@example.org' };
const BODY = {
  en: 'A long comment written over lunch: the article should say which provinces kept their schools open, and since when.',
  // "I wrote this comment at lunch: the article should say which provinces kept their schools open, and since when."
  fa: 'این نظر را در وقت نان چاشت نوشتم: مقاله باید بگوید کدام ولایت‌ها مکتب‌های خود را باز نگه داشتند و از چه زمانی.',
  ps: 'دا تبصره مې د غرمې ډوډۍ پر مهال ولیکله: مقاله باید ووايي چې کومو ولایتونو خپل ښوونځي پرانیستي ساتلي او له کله راهیسې.',
};

// A message of crates/askaf-web/locales/LANG/main.ftl, as the page says it.
function ftl(lang, key) {
  const file = path.join(REPO_DIR, 'crates', 'askaf-web', 'locales', lang, 'main.ftl');
  const line = readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith(`${key} =`));
  assert.ok(line, `${key} is not in ${path.relative(REPO_DIR, file)}`);
  return line.slice(key.length + 2).trim();
}

defineSuiteIfPrerequisites(defineSuite, {
  skipName: 'comment drafts browser e2e',
  failName: 'browser e2e prerequisites for comment drafts (ASKAF_REQUIRE_EXTERNAL=1)',
});

function defineSuite() {
  describe('A comment typed and not sent, in headless Chromium', { timeout: 10 * 60_000 }, () => {
    let server;
    let browser;
    let baseUrl;
    const articleUrl = (lang) => `${baseUrl}/${lang}/${SLUG}`;

    before(async () => {
      server = await startAskaf({ extraArgs: ['--comment-min-seconds', '0'], users: [MODERATOR] });
      baseUrl = server.baseUrl;
      browser = await launchChromium();
    });

    after(async () => {
      if (browser) await browser.close().catch(() => {});
      if (server) await server.stop();
    });

    // A page of `context` whose browser errors are collected in `errors`.
    async function open(context, url, errors) {
      const page = await context.newPage();
      page.setDefaultTimeout(NAV_TIMEOUT);
      errors.push(watchErrors(page, baseUrl));
      if (url) {
        const response = await page.goto(url, { waitUntil: 'load' });
        assert.equal(response?.status(), 200, `GET ${url}`);
      }
      return page;
    }

    function assertNoErrors(errors, what, { expected = () => false } = {}) {
      const seen = errors.flat().filter((e) => !expected(e));
      assert.deepEqual(seen, [], `${what}: browser errors:\n  ${seen.join('\n  ')}`);
    }

    // Types the comment as a reader does: name, email and the comment.
    async function type(page, body, { name = READER.name, email = READER.email } = {}) {
      const form = page.locator('form#comment-form');
      await form.locator('#comment-name').fill(name);
      if (email) await form.locator('#comment-email').fill(email);
      await form.locator('#comment-body').fill(body);
    }

    // Clicks the form's button; resolves with the response of the page landed on.
    async function send(page, url) {
      const [response] = await Promise.all([
        page.waitForNavigation({ url, timeout: NAV_TIMEOUT }),
        page.locator('form#comment-form button[type="submit"]').click(),
      ]);
      return response;
    }

    // Everything this origin keeps in localStorage, as one string.
    const kept = (page) => page.evaluate(() => JSON.stringify(Object.entries(window.localStorage)));

    // The notice that a kept comment is back in the box, checked as the
    // reader meets it: in the page's language, polite, with a real button.
    async function assertRestored(page, lang, body, what) {
      const form = page.locator('form#comment-form');
      assert.equal(await form.locator('#comment-body').inputValue(), body, `${what}: the comment is back in the box`);
      const notice = form.locator('.draft-restore');
      await notice.waitFor({ timeout: 5_000 }).catch(() => {});
      assert.equal(await notice.count(), 1, `${what}: a notice says the comment was restored`);
      const status = notice.getByRole('status');
      assert.equal(await status.count(), 1, `${what}: the notice is a polite live region (role=status)`);
      const said = ftl(lang, 'comment-draft-restored');
      await page.waitForFunction(
        ([el, text]) => el.textContent.trim() === text,
        [await status.elementHandle(), said],
        { timeout: 5_000 },
      ).catch(() => {});
      assert.equal(normalizeSpace(await status.innerText()), normalizeSpace(said), `${what}: the notice in the page's language`);
      const discard = notice.getByRole('button', { name: ftl(lang, 'comment-draft-discard'), exact: true });
      assert.equal(await discard.count(), 1, `${what}: a button to discard it, named in the page's language`);
      assert.equal(await discard.evaluate((b) => b.tagName + ':' + b.type), 'BUTTON:button', `${what}: a real button that sends nothing`);
      return notice;
    }

    async function assertNothingKept(page, what) {
      const form = page.locator('form#comment-form');
      assert.equal(await form.locator('#comment-body').inputValue(), '', `${what}: the box is empty`);
      assert.equal(await form.locator('.draft-restore').count(), 0, `${what}: no notice`);
    }

    test('a comment typed and not sent comes back after a reload and a closed tab, in English, Dari and Pashto, without the name or email, and passes axe', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = [];
      for (const lang of ['en', 'fa', 'ps']) {
        const context = await browser.newContext({ ...DESKTOP, bypassCSP: true });
        const errors = [];
        try {
          const page = await open(context, articleUrl(lang), errors);
          await type(page, BODY[lang]);
          await page.reload({ waitUntil: 'load' });
          await assertRestored(page, lang, BODY[lang], `${lang}, reloaded`);
          // The reader on a shared computer: whoever comes next sees the
          // comment, but neither the name nor the email is kept anywhere.
          assert.equal(await page.locator('#comment-name').inputValue(), '', `${lang}: the name is not filled in again`);
          assert.equal(await page.locator('#comment-email').inputValue(), '', `${lang}: the email is not filled in again`);
          const stored = await kept(page);
          assert.ok(!stored.includes(READER.name), `${lang}: the name is not kept: ${stored}`);
          assert.ok(!stored.includes(READER.email), `${lang}: the email is not kept: ${stored}`);

          // The tab closed, and the article opened again.
          await page.close({ runBeforeUnload: true });
          const again = await open(context, articleUrl(lang), errors);
          const notice = await assertRestored(again, lang, BODY[lang], `${lang}, opened again`);
          await again.locator('form#comment-form').screenshot({ path: path.join(SCREENSHOTS, `comment-draft-${lang}.png`) });
          problems.push(...(await langProblems(again, lang, `${lang} article with the notice`)));
          for (const colorScheme of ['light', 'dark']) {
            await again.emulateMedia({ colorScheme });
            problems.push(...(await axeProblems(again, t, `/${lang}/${SLUG} with the restored comment's notice (${colorScheme})`)));
          }
          assertNoErrors(errors, lang);
        } finally {
          await context.close();
        }
      }
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    test('the discard button empties the box, and the comment does not come back', { timeout: TEST_TIMEOUT }, async () => {
      const context = await browser.newContext(DESKTOP);
      const errors = [];
      try {
        const page = await open(context, articleUrl('en'), errors);
        await type(page, BODY.en);
        await page.reload({ waitUntil: 'load' });
        const notice = await assertRestored(page, 'en', BODY.en, 'reloaded');
        await notice.getByRole('button', { name: ftl('en', 'comment-draft-discard') }).click();
        await assertNothingKept(page, 'discarded');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'comment-body', 'focus goes to the emptied box, not lost with the button');
        await page.reload({ waitUntil: 'load' });
        await assertNothingKept(page, 'discarded, reloaded');
        assert.ok(!(await kept(page)).includes(BODY.en.slice(0, 20)), 'nothing of it in localStorage');
        assertNoErrors(errors, 'discard');
      } finally {
        await context.close();
      }
    });

    test('a post the server refuses keeps the comment; a post held for a moderator drops it', { timeout: TEST_TIMEOUT }, async () => {
      const context = await browser.newContext(DESKTOP);
      const errors = [];
      try {
        const page = await open(context, articleUrl('fa'), errors);
        // A name of spaces passes the browser's `required` and is refused
        // by the server: the form comes back with the text and why.
        await type(page, BODY.fa, { name: '   ', email: '' });
        const refused = await send(page, (u) => u.pathname === `/fa/${SLUG}/comments`);
        assert.equal(refused?.status(), 400, 'a name of spaces is refused');
        assert.equal(await page.locator('#comment-errors').count(), 1, 'the refusal says why');
        assert.equal(await page.locator('#comment-body').inputValue(), BODY.fa, 'the server hands the text back');
        assert.equal(await page.locator('.draft-restore').count(), 0, 'a box the server filled is left as it is');

        // The reader leaves it there: the article offers the comment again.
        await page.goto(articleUrl('fa'), { waitUntil: 'load' });
        await assertRestored(page, 'fa', BODY.fa, 'the article after a refused post');

        // Sent with a name: taken (held, no email), and the draft is gone.
        await page.locator('#comment-name').fill(READER.name);
        const held = await send(page, (u) => u.pathname === `/fa/${SLUG}/comments/held`);
        assert.equal(held?.status(), 200, 'held for a moderator');
        assert.ok(!(await kept(page)).includes(BODY.fa.slice(0, 20)), `not kept once taken: ${await kept(page)}`);
        await page.goto(articleUrl('fa'), { waitUntil: 'load' });
        await assertNothingKept(page, 'the article after the comment was taken');
        assertNoErrors(errors, 'refused, then held', {
          // The refusal itself, which the browser reports as a failed load.
          expected: (e) => e === `HTTP 400 for document ${baseUrl}/fa/${SLUG}/comments` ||
            e.startsWith('console error: Failed to load resource: the server responded with a status of 400') && e.endsWith(`(at ${baseUrl}/fa/${SLUG}/comments)`),
        });
      } finally {
        await context.close();
      }
    });

    test('a comment published at once drops its draft; each reply form keeps its own', { timeout: TEST_TIMEOUT }, async () => {
      const context = await browser.newContext(DESKTOP);
      const errors = [];
      try {
        // A moderator, signed in, is published at once (sent to #comment-N).
        const page = await open(context, `${baseUrl}/admin/login`, errors);
        await page.locator('#login-username').fill(MODERATOR.name);
        await page.locator('#login-password').fill(MODERATOR.password);
        await Promise.all([page.waitForNavigation(), page.locator('form.admin-form button[type="submit"]').click()]);
        await page.goto(articleUrl('en'), { waitUntil: 'load' });
        const body = 'Thank you for the question: the paragraph on the provinces is coming.';
        await type(page, body, { name: 'Kabul desk', email: '' });
        await page.reload({ waitUntil: 'load' });
        await assertRestored(page, 'en', body, 'the moderator\'s comment, reloaded');
        await page.locator('#comment-name').fill('Kabul desk');
        await send(page, (u) => u.pathname === `/en/${SLUG}` && /^#comment-\d+$/.test(u.hash));
        const id = new URL(page.url()).hash.slice('#comment-'.length);
        assert.ok(!(await kept(page)).includes(body.slice(0, 20)), 'not kept once published');
        await page.goto(articleUrl('en'), { waitUntil: 'load' });
        await assertNothingKept(page, 'the article after the comment was published');

        // A reply typed on the comment's reply page is that form's alone.
        const replyUrl = `${articleUrl('en')}/comments/${id}/reply`;
        const reply = 'A reply typed on the reply page and not sent yet.';
        await page.goto(replyUrl, { waitUntil: 'load' });
        await type(page, reply, { name: 'Kabul desk', email: '' });
        await page.goto(articleUrl('en'), { waitUntil: 'load' });
        await assertNothingKept(page, 'the article\'s own form, with a reply kept');
        await page.goto(replyUrl, { waitUntil: 'load' });
        await assertRestored(page, 'en', reply, 'the reply page');
        await page.locator('#comment-name').fill('Kabul desk');
        await send(page, (u) => u.pathname === `/en/${SLUG}` && /^#comment-\d+$/.test(u.hash));
        await page.goto(replyUrl, { waitUntil: 'load' });
        await assertNothingKept(page, 'the reply page after the reply was published');
        assertNoErrors(errors, 'published');
      } finally {
        await context.close();
      }
    });

    test('a kept comment is offered for a week, and dropped after', { timeout: TEST_TIMEOUT }, async () => {
      const start = Date.now();
      for (const [days, back] of [[6, true], [8, false]]) {
        const context = await browser.newContext(DESKTOP);
        const errors = [];
        try {
          await context.clock.setFixedTime(start);
          const page = await open(context, articleUrl('ps'), errors);
          await type(page, BODY.ps);
          // Kept after the pause in typing (waited for in localStorage, not
          // a second's sleep that a loaded machine may outlast); then the
          // days pass, the tab is closed.
          await page.waitForFunction((text) => JSON.stringify(Object.entries(window.localStorage)).includes(text), BODY.ps.slice(0, 20));
          await context.clock.setFixedTime(start + days * DAY);
          await page.close({ runBeforeUnload: true });
          if (back) {
            const again = await open(context, articleUrl('ps'), errors);
            await assertRestored(again, 'ps', BODY.ps, `${days} days on`);
          } else {
            // Another article's page drops it: a comment left under an
            // article no one opens again is not kept for ever.
            const again = await open(context, articleUrl('fa'), errors);
            assert.ok(!(await kept(again)).includes(BODY.ps.slice(0, 20)), `${days} days on: dropped by another article's page`);
            await again.goto(articleUrl('ps'), { waitUntil: 'load' });
            await assertNothingKept(again, `${days} days on`);
            assert.ok(!(await kept(again)).includes(BODY.ps.slice(0, 20)), `${days} days on: dropped from localStorage`);
          }
          assertNoErrors(errors, `${days} days`);
        } finally {
          await context.close();
        }
      }
    });

    test('with the browser\'s storage refusing, nothing breaks and the form still posts', { timeout: TEST_TIMEOUT }, async () => {
      for (const how of ['no storage', 'storage full']) {
        const context = await browser.newContext(DESKTOP);
        const errors = [];
        try {
          await context.addInitScript((how) => {
            if (how === 'no storage') {
              // As Chromium does with site data blocked: reading the property throws.
              for (const name of ['localStorage', 'sessionStorage']) {
                Object.defineProperty(window, name, {
                  get() { throw new DOMException(`Failed to read the '${name}' property from 'Window': Access is denied for this document.`, 'SecurityError'); },
                });
              }
            } else {
              Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
            }
          }, how);
          const page = await open(context, articleUrl('en'), errors);
          await type(page, BODY.en, { email: '' });
          await page.waitForTimeout(500);
          await page.reload({ waitUntil: 'load' });
          assert.equal(await page.locator('.draft-restore').count(), 0, `${how}: nothing to offer`);
          // The page's other helpers still ran: "Cite this" has its Copy buttons.
          assert.ok(await page.locator('.copy-button').count() > 0, `${how}: the Copy buttons are there`);
          await type(page, `${BODY.en} (${how})`, { email: '' });
          const held = await send(page, (u) => u.pathname === `/en/${SLUG}/comments/held`);
          assert.equal(held?.status(), 200, `${how}: the comment is taken`);
          assertNoErrors(errors, how);
        } finally {
          await context.close();
        }
      }
    });
  });
}
