// Browser end-to-end tests for readers' comments and their moderation.
//
// Starts the real `askaf` binary (env ASKAF_BIN, default <repo>/target/debug/askaf)
// on a free port with a fresh data directory, a moderator account created
// beforehand with `askaf user add`, and `--comment-min-seconds 0` so the
// browser need not wait before sending a form; then drives Debian's headless
// Chromium through playwright-core, as a reader and a moderator would:
//   - a reader fills in the comment form under /en/who-governs-afghanistan (with
//     an email) and under /fa/who-governs-afghanistan (in Dari, without one) and
//     clicks its button; each lands on the "waiting for a moderator" page;
//   - a moderator opens the queue, is sent to the login page, logs in, sees both
//     comments with the reason each was held, reads it in Dari and in Pashto
//     after choosing those languages, and clicks Approve on each;
//   - both article pages then show the comment in ol.comment-list with the count
//     updated ("1 Comment", "۱ نظر"); the Dari one in an element with
//     dir="rtl" (its words' direction), on a dir="rtl" page;
//   - the reader answers the English comment through its "Reply" link; with
//     their email now known, the reply appears at once under the comment;
//   - a Dari reply to the Dari comment, held and approved, stands under it
//     indented from the right, the replies' rule on the right;
//   - with JavaScript disabled, the form still posts and the comment is held.
// Every page the reader and the moderator see is checked for browser errors
// (console errors, CSP violations included, uncaught exceptions, failed
// same-origin requests), article pages for sideways scrolling, and with axe-core
// (no serious/critical violation, light and dark colour schemes): an article
// page with comments (English and Dari), the held page, the login page, the
// queue with comments in it (and, in Dari and Pashto, it, the dashboard, the
// decision log, a comment's edit page, the bans and the word list), the reply
// page, the site team's comments and their reply pages in all three
// languages, the forms sent after the session lapsed (in Dari and Pashto as
// the moderator chose them on an English browser, and as a browser that
// kept no choice prefers them), a refused ban and the add-account form sent
// back (refused, and after the session lapsed) in each language, and the
// decision log in each language, saying
// what was done in it; in Dari and Pashto each page's lang, dir and the
// words of other languages marked (langProblems).
// Screenshots land in e2e/screenshots/comments-*.png.
//
// Run: npm ci --prefix e2e && cargo build -p askaf && node --test e2e/comments.test.mjs
//
// If /usr/bin/chromium or e2e/node_modules is missing, the tests are skipped with
// a message, unless ASKAF_REQUIRE_EXTERNAL=1, in which case they fail.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import {
  ARABIC_LETTER,
  REPO_DIR,
  SCREENSHOTS,
  axeProblems,
  defineSuiteIfPrerequisites,
  langProblems,
  normalizeSpace,
  launchChromium,
  startAskaf,
  watchedPages,
} from './lib/browser.mjs';

const TEST_TIMEOUT = 180_000;
const NAV_TIMEOUT = 15_000;

const DESKTOP = { viewport: { width: 1280, height: 800 }, colorScheme: 'light' };
const PHONE = {
  viewport: { width: 375, height: 812 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  colorScheme: 'light',
};
const COLOR_SCHEMES = ['light', 'dark'];

const SLUG = 'who-governs-afghanistan';
const MODERATOR = { name: 'moderator1', role: 'moderator', password: 'e2e moderator password' };
// An administrator, and the accounts whose role, password and existence it changes.
const ADMIN = { name: 'admin1', role: 'admin', password: 'e2e administrator password' };
const MANAGED = [
  { name: 'managed1', role: 'editor', password: 'e2e managed password' },
  ...['en', 'fa', 'ps'].map((lang) => ({ name: `leaving-${lang}`, role: 'author', password: 'e2e leaving password' })),
];

// What the readers write. Every body differs: the same text twice on one
// article is refused as a duplicate.
const EN = {
  name: 'Test Reader',
  email: 'reader@example.org',
  body: 'A clear summary, thank you. Could you add a paragraph on which countries accept the new passports?',
};
// "Maryam Ahmadi"; "This article was very useful. Thanks to the writers."
const FA = {
  name: 'مریم احمدی',
  email: '',
  body: 'این مقاله بسیار سودمند بود. سپاس از نویسندگان.',
};
const REPLY = {
  name: EN.name,
  email: EN.email,
  body: 'A follow-up to my own question: which embassies still issue visas?',
};
// "Ahmad"; "UNICEF says so too; a paragraph on the provinces would help as well."
// It opens with a Latin name, as Dari comments often do: still right to left.
const FA_REPLY = {
  name: 'احمد',
  email: 'ahmad@example.org',
  body: 'UNICEF هم همین را می‌گوید؛ یک بند دربارهٔ ولایت‌ها هم سودمند خواهد بود.',
};
const NOJS = {
  name: 'Reader Without Scripts',
  email: '',
  body: 'Posted from a browser with JavaScript turned off.',
};

// The reason the queue gives for holding each (askaf-comments Reason's Display).
// Comments by the site team, signed in, one in each language.
const STAFF = {
  en: { name: 'Kabul desk', body: 'Thank you: the paragraph on the provinces is added.' },
  fa: { name: 'میز کابل', body: 'سپاس: بند دربارهٔ ولایت‌ها افزوده شد.' },
  // "Kabul desk"; "Thanks: the paragraph on the provinces was added."
  ps: { name: 'د کابل مېز', body: 'مننه: د ولایتونو په اړه پاراګراف زیات شو.' },
};
const HELD_FIRST_COMMENT = 'first comment from this email address';
const HELD_NO_EMAIL = 'no email address';
const HELD_NO_EMAIL_IN = { fa: /ایمیل ندارد/, ps: /برېښنالیک نه لري/ };

defineSuiteIfPrerequisites(defineSuite, {
  skipName: 'comments browser e2e',
  failName: 'browser e2e prerequisites for comments (ASKAF_REQUIRE_EXTERNAL=1)',
});

function defineSuite() {
  // The tests build on each other (post, then moderate, then read), so they
  // run in order and share the browser contexts of the reader and the moderator.
  describe('Comments and moderation in headless Chromium', { timeout: 15 * 60_000 }, () => {
    let server;
    let browser;
    let baseUrl;
    let reader; // the reader's browser context (JavaScript on)
    let moderator; // the moderator's browser context
    const ids = {}; // comment ids, by the names EN, FA, REPLY

    // A test that builds on an earlier one says so plainly when that one failed.
    function need(...names) {
      for (const n of names) assert.ok(ids[n], `needs comment ${n}, which an earlier test did not get to see in the queue`);
    }

    const articleUrl = (lang) => `${baseUrl}/${lang}/${SLUG}`;
    const heldUrl = (lang) => `${articleUrl(lang)}/comments/held`;

    before(async () => {
      server = await startAskaf({
        extraArgs: ['--comment-min-seconds', '0'],
        users: [MODERATOR, ADMIN, ...MANAGED],
      });
      baseUrl = server.baseUrl;
      browser = await launchChromium();
      reader = await browser.newContext(DESKTOP);
      moderator = await browser.newContext(DESKTOP);
    });

    after(async () => {
      if (browser) await browser.close().catch(() => {});
      if (server) await server.stop();
    });

    // Pages whose browser errors are watched, and the check that fails the
    // test with every one seen on any page since the last call.
    const { newPage, assertNoBrowserErrors } = watchedPages(() => baseUrl, NAV_TIMEOUT);

    // A full-page screenshot, or with `section` (a locator) that part of the
    // page with a margin around it.
    async function screenshot(page, t, name, { section } = {}) {
      const shot = path.join(SCREENSHOTS, `comments-${name}.png`);
      if (section) {
        // Where it is on the page (boundingBox() is relative to the viewport).
        const box = await section.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
        });
        const width = page.viewportSize().width;
        const margin = 16;
        const x = Math.max(0, box.x - margin);
        const clip = { x, y: Math.max(0, box.y - margin), width: Math.min(width - x, box.width + 2 * margin), height: box.height + 2 * margin };
        await page.screenshot({ path: shot, clip, fullPage: true });
      } else {
        await page.screenshot({ path: shot, fullPage: true });
      }
      t.diagnostic(`screenshot: ${path.relative(REPO_DIR, shot)}`);
    }

    // Runs axe on each URL, in the light and the dark colour scheme, in a
    // context with the CSP bypassed (axe is injected as a foreign script) and,
    // for editorial pages, the moderator's cookies. Each URL is a string, or
    // [url, lang] to check also that the page is in that language, its words
    // of other languages marked with theirs (langProblems).
    async function axeOnUrls(t, urls, { storageState } = {}) {
      const problems = [];
      for (const colorScheme of COLOR_SCHEMES) {
        const context = await browser.newContext({ ...DESKTOP, colorScheme, bypassCSP: true, storageState });
        try {
          for (const entry of urls) {
            const [url, lang] = Array.isArray(entry) ? entry : [entry];
            const page = await context.newPage();
            const response = await page.goto(url, { waitUntil: 'load' });
            const label = `${new URL(url).pathname}${new URL(url).search} (${colorScheme})`;
            if (response?.status() !== 200) {
              problems.push(`axe: GET ${url} returned HTTP ${response?.status()}`);
            } else {
              if (lang && colorScheme === COLOR_SCHEMES[0]) problems.push(...(await langProblems(page, lang, label)));
              problems.push(...(await axeProblems(page, t, label)));
            }
            await page.close();
          }
        } finally {
          await context.close();
        }
      }
      return problems;
    }

    // Problems with the page's width: nothing may make it scroll sideways.
    async function overflowProblems(page) {
      const info = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        return {
          width,
          scrollWidth: document.documentElement.scrollWidth,
          overflowing: [...document.querySelectorAll('body *')]
            .map((el) => ({ el, r: el.getBoundingClientRect() }))
            .filter(({ r }) => r.width > 0 && (r.right > width + 1 || r.left < -1))
            .slice(0, 5)
            .map(({ el, r }) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} [${Math.round(r.left)}..${Math.round(r.right)}]`),
        };
      });
      return info.scrollWidth > info.width + 1
        ? [`the page is wider (${info.scrollWidth}px) than the viewport (${info.width}px): ${info.overflowing.join(', ')}`]
        : [];
    }

    // Fills in the comment form of the page as a reader would and clicks its
    // button; resolves with the response of the page the browser lands on.
    async function postComment(page, { name, email, body }, { expectPath }) {
      const form = page.locator('form#comment-form');
      assert.equal(await form.count(), 1, `${page.url()}: expected one form#comment-form`);
      await form.locator('#comment-name').fill(name);
      if (email) await form.locator('#comment-email').fill(email);
      await form.locator('#comment-body').fill(body);
      // A person never sees the honeypot, so it stays empty.
      assert.equal(await form.locator('input[name="website"]').inputValue(), '', 'the honeypot field is empty');
      const [response] = await Promise.all([
        page.waitForNavigation({ url: (u) => u.pathname === expectPath, timeout: NAV_TIMEOUT }),
        form.locator('button[type="submit"]').click(),
      ]);
      assert.equal(response?.status(), 200, `after posting, GET ${page.url()} returned HTTP ${response?.status()}`);
      return response;
    }

    // Checks the "waiting for a moderator" page the browser is on.
    async function assertHeldPage(page, { lang, dir }) {
      const url = page.url();
      assert.equal(new URL(url).pathname, `/${lang}/${SLUG}/comments/held`, 'landed on the held page');
      assert.equal(await page.locator('html').getAttribute('lang'), lang, `${url}: <html lang>`);
      assert.equal(await page.locator('html').getAttribute('dir'), dir, `${url}: <html dir>`);
      const h1 = normalizeSpace(await page.locator('main h1').first().innerText());
      if (lang === 'en') {
        assert.match(h1, /waiting for a moderator/i, `${url}: the heading`);
      } else {
        assert.match(h1, ARABIC_LETTER, `${url}: the heading is not in Arabic script: ${h1}`);
      }
      const back = page.locator(`main a[href="/${lang}/${SLUG}#comments"]`);
      assert.equal(await back.count(), 1, `${url}: no link back to the article's comments`);
    }

    // The moderation queue's entry for the comment by `name`.
    function queueItem(page, name) {
      return page.locator('ol.admin-comments > li.admin-comment').filter({
        has: page.locator('.comment-meta strong', { hasText: name }),
      });
    }

    test('the comment form is on the article pages, in the page\'s language and direction', { timeout: TEST_TIMEOUT }, async (t) => {
      const page = await newPage(reader);
      for (const [lang, dir] of [['en', 'ltr'], ['fa', 'rtl']]) {
        const response = await page.goto(articleUrl(lang), { waitUntil: 'networkidle' });
        assert.equal(response?.status(), 200, `GET ${articleUrl(lang)}`);
        const form = page.locator('section#comments form#comment-form');
        assert.equal(await form.count(), 1, `${lang}: the comment form under the article`);
        assert.ok(await form.isVisible(), `${lang}: the comment form is visible`);
        const info = await form.evaluate((f) => ({
          direction: getComputedStyle(f).direction,
          method: f.method,
          action: new URL(f.action).pathname,
          hidden: [...f.querySelectorAll('input[type=hidden]')].map((i) => [i.name, i.value.length > 0]),
          honeypot: (() => {
            const hp = f.querySelector('input[name=website]');
            const box = hp.closest('.hp').getBoundingClientRect();
            return { tabIndex: hp.tabIndex, width: box.width, height: box.height, labelled: hp.labels.length };
          })(),
          labels: ['comment-name', 'comment-email', 'comment-body'].map((id) => f.querySelector(`label[for=${id}]`)?.textContent.trim() ?? null),
        }));
        t.diagnostic(`${lang}: ${JSON.stringify(info)}`);
        assert.equal(info.direction, dir, `${lang}: computed direction of the form`);
        assert.equal(info.method, 'post');
        assert.equal(info.action, `/${lang}/${SLUG}/comments`);
        assert.equal(await form.locator('> h3#comment-form-title').count(), 1, `${lang}: under the article the form's heading is an h3`);
        // The page is the same bytes for every reader: no per-reader field.
        // When the form was shown is a cookie for this article's path only.
        assert.deepEqual(info.hidden, [], `${lang}: no per-reader hidden field in the form`);
        const shown = (await page.context().cookies(articleUrl(lang))).filter((c) => c.name === 'askaf_shown');
        assert.equal(shown.length, 1, `${lang}: the form's timing cookie`);
        assert.equal(shown[0].path, `/${lang}/${SLUG}`, `${lang}: scoped to the article`);
        assert.ok(shown[0].httpOnly, `${lang}: the timing cookie is HttpOnly`);
        assert.ok(info.labels.every((l) => l), `${lang}: every field has a label: ${JSON.stringify(info.labels)}`);
        // The honeypot: labelled, out of the tab order, and (nearly) no size on screen.
        assert.equal(info.honeypot.tabIndex, -1, `${lang}: the honeypot is out of the tab order`);
        assert.equal(info.honeypot.labelled, 1, `${lang}: the honeypot has a label`);
        assert.ok(info.honeypot.width <= 1 && info.honeypot.height <= 1, `${lang}: the honeypot takes no room: ${JSON.stringify(info.honeypot)}`);
        // Tab goes from the email straight to the comment, past the honeypot.
        await form.locator('#comment-email').focus();
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'comment-body', `${lang}: Tab from the email field`);
        if (lang === 'en') {
          assert.equal(normalizeSpace(await page.locator('a.comment-count').innerText()), 'No Comments');
        }
        assert.deepEqual(await overflowProblems(page), [], `${lang}: article page width`);
      }
      await page.close();
      assertNoBrowserErrors('article pages');
    });

    test('a reader posts a comment in English and is told it waits for a moderator', { timeout: TEST_TIMEOUT }, async (t) => {
      const page = await newPage(reader);
      await page.goto(articleUrl('en'), { waitUntil: 'networkidle' });
      await postComment(page, EN, { expectPath: `/en/${SLUG}/comments/held` });
      await assertHeldPage(page, { lang: 'en', dir: 'ltr' });
      await screenshot(page, t, 'held-en');
      await page.close();
      assertNoBrowserErrors('posting in English');
    });

    test('a reader posts a comment in Dari and is told it waits for a moderator', { timeout: TEST_TIMEOUT }, async (t) => {
      const page = await newPage(reader);
      await page.goto(articleUrl('fa'), { waitUntil: 'networkidle' });
      // The name and comment fields take the direction of what is typed in them.
      const nameDir = await page.locator('#comment-name').getAttribute('dir');
      assert.equal(nameDir, 'auto', 'the name field has dir="auto"');
      await postComment(page, FA, { expectPath: `/fa/${SLUG}/comments/held` });
      await assertHeldPage(page, { lang: 'fa', dir: 'rtl' });
      await screenshot(page, t, 'held-fa');
      await page.close();
      assertNoBrowserErrors('posting in Dari');
    });

    test('axe: the held page and the login page, in each language', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = await axeOnUrls(t, [
        ...['en', 'fa', 'ps'].map((lang) => [heldUrl(lang), lang]),
        ...['en', 'fa', 'ps'].map((lang) => [`${heldUrl(lang)}?why=links,first-comment`, lang]),
        ...['en', 'fa', 'ps'].map((lang) => [`${baseUrl}/admin/login?lang=${lang}`, lang]),
      ]);
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    test('a moderator logs in and sees both comments in the queue with the reason they were held', { timeout: TEST_TIMEOUT }, async (t) => {
      const page = await newPage(moderator);
      // The queue asks for a login first and comes back to the queue after it.
      await page.goto(`${baseUrl}/admin/comments`, { waitUntil: 'load' });
      assert.equal(new URL(page.url()).pathname, '/admin/login', `the queue without a login sent the browser to ${page.url()}`);
      assert.equal(new URL(page.url()).searchParams.get('next'), '/admin/comments', 'the login page comes back to the queue');
      await screenshot(page, t, 'login');
      await page.getByLabel('Username').fill(MODERATOR.name);
      await page.getByLabel('Password').fill(MODERATOR.password);
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/admin/comments', { timeout: NAV_TIMEOUT }),
        page.getByRole('button', { name: 'Log in' }).click(),
      ]);
      await page.waitForLoadState('load');
      assert.match(normalizeSpace(await page.locator('h1').innerText()), /Comments: Waiting/);
      assert.match(normalizeSpace(await page.locator('.admin-nav .who').innerText()), new RegExp(`${MODERATOR.name} \\(moderator\\)`));

      const items = page.locator('ol.admin-comments > li.admin-comment');
      assert.equal(await items.count(), 2, 'two comments wait in the queue');
      const en = queueItem(page, EN.name);
      const fa = queueItem(page, FA.name);
      assert.equal(await en.count(), 1, 'the English comment is in the queue');
      assert.equal(await fa.count(), 1, 'the Dari comment is in the queue');
      assert.match(normalizeSpace(await en.locator('.comment-body').innerText()), /Could you add a paragraph/);
      assert.equal(normalizeSpace(await fa.locator('.comment-body').innerText()), FA.body);
      assert.match(normalizeSpace(await en.locator('.comment-meta').innerText()), new RegExp(EN.email.replace('.', '\\.')));
      assert.match(normalizeSpace(await en.locator('.held-reason').innerText()), new RegExp(HELD_FIRST_COMMENT));
      assert.match(normalizeSpace(await fa.locator('.held-reason').innerText()), new RegExp(HELD_NO_EMAIL));
      // Each button names its comment after its word ("Approve comment #1 by …").
      for (const [item, who] of [[en, EN.name], [fa, FA.name]]) {
        for (const name of ['Approve', 'Spam', 'Delete']) {
          assert.equal(await item.getByRole('button', { name: new RegExp(`^${name} comment #\\d+ by ${who},`) }).count(), 1, `a ${name} button on each comment`);
        }
      }
      ids.EN = (await en.getAttribute('id')).replace(/^c/, '');
      ids.FA = (await fa.getAttribute('id')).replace(/^c/, '');
      await screenshot(page, t, 'queue');
      assert.deepEqual(await overflowProblems(page), [], 'queue width');
      await page.close();
      assertNoBrowserErrors('login and queue');

      // axe on the queue while it holds both comments, with the moderator's session.
      const problems = await axeOnUrls(t, [`${baseUrl}/admin/comments`], {
        storageState: await moderator.storageState(),
      });
      // The queue and the decision log in Dari and Pashto, right to left,
      // say why each comment waits in the moderator's language (the
      // switcher in the admin bar); then English again for what follows.
      const switcher = await newPage(moderator);
      for (const lang of ['fa', 'ps', 'en']) {
        await switcher.goto(`${baseUrl}/admin/comments`, { waitUntil: 'load' });
        await Promise.all([
          switcher.waitForURL((u) => u.pathname === '/admin/comments'),
          switcher.locator(`form.admin-lang button[value="${lang}"]`).click(),
        ]);
        assert.equal(await switcher.locator('html').getAttribute('lang'), lang);
        if (lang === 'en') break;
        const reason = normalizeSpace(await queueItem(switcher, FA.name).locator('.held-reason').innerText());
        assert.match(reason, HELD_NO_EMAIL_IN[lang], `${lang}: the reason in the moderator's language`);
        problems.push(...(await axeOnUrls(t, ['/admin', '/admin/comments', '/admin/log', `/admin/comments/${ids.FA}/edit`, '/admin/bans', '/admin/words'].map((u) => [`${baseUrl}${u}`, lang]), {
          storageState: await moderator.storageState(),
        })));
      }
      await switcher.close();
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    test('the moderator approves both comments by clicking Approve', { timeout: TEST_TIMEOUT }, async () => {
      need('EN', 'FA');
      const page = await newPage(moderator);
      await page.goto(`${baseUrl}/admin/comments`, { waitUntil: 'load' });
      for (const who of [EN.name, FA.name]) {
        const item = queueItem(page, who);
        assert.equal(await item.count(), 1, `${who} is in the queue`);
        await Promise.all([
          page.waitForURL((u) => u.searchParams.get('notice') === 'approved', { timeout: NAV_TIMEOUT }),
          item.getByRole('button', { name: /^Approve comment #/ }).click(),
        ]);
        await page.waitForLoadState('load');
        assert.match(normalizeSpace(await page.locator('.notice').innerText()), /Approved/);
        assert.equal(await queueItem(page, who).count(), 0, `${who} left the queue`);
      }
      assert.equal(await page.locator('li.admin-comment').count(), 0, 'the queue is empty');
      // Both are listed as approved.
      await page.goto(`${baseUrl}/admin/comments?status=approved`, { waitUntil: 'load' });
      assert.equal(await queueItem(page, EN.name).count(), 1, 'the English comment is approved');
      assert.equal(await queueItem(page, FA.name).count(), 1, 'the Dari comment is approved');
      await page.close();
      assertNoBrowserErrors('approving');
    });

    test('the approved comments are on the article pages, the Dari one right to left', { timeout: TEST_TIMEOUT }, async (t) => {
      need('EN', 'FA');
      const page = await newPage(reader);

      // English
      await page.goto(articleUrl('en'), { waitUntil: 'networkidle' });
      const enList = page.locator('section#comments ol.comment-list');
      assert.equal(await enList.count(), 1, 'en: ol.comment-list');
      const enItem = enList.locator(`> li.comment#comment-${ids.EN}`);
      assert.equal(await enItem.count(), 1, `en: li#comment-${ids.EN}`);
      assert.equal(normalizeSpace(await enItem.locator('.comment-author').innerText()), EN.name);
      assert.equal(normalizeSpace(await enItem.locator('.comment-body').innerText()), EN.body);
      assert.equal(normalizeSpace(await page.locator('a.comment-count').innerText()), '1 Comment');
      assert.match(normalizeSpace(await page.locator('.comment-count-line').innerText()), /^1 Comment/);
      assert.ok(!(await page.locator('section#comments').innerText()).includes(EN.email), 'the email is never shown');
      assert.deepEqual(await overflowProblems(page), [], 'en article with a comment: width');
      await screenshot(page, t, 'en-article', { section: page.locator('section#comments') });
      await screenshot(page, t, 'en-article-full');

      // Dari
      await page.goto(articleUrl('fa'), { waitUntil: 'networkidle' });
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl', 'fa: <html dir="rtl">');
      const faItem = page.locator(`section#comments ol.comment-list > li.comment#comment-${ids.FA}`);
      assert.equal(await faItem.count(), 1, `fa: li#comment-${ids.FA} in ol.comment-list`);
      const info = await faItem.evaluate((li, body) => {
        const p = [...li.querySelectorAll('.comment-body *')].find((el) => el.textContent.trim() === body);
        const dirOf = p?.closest('[dir]');
        const card = li.querySelector('.comment-card').getBoundingClientRect();
        const author = li.querySelector('.comment-author');
        const a = author.getBoundingClientRect();
        return {
          found: Boolean(p),
          dirOf: dirOf ? `${dirOf.tagName.toLowerCase()} ${dirOf.getAttribute('dir')}` : null,
          direction: p ? getComputedStyle(p).direction : null,
          authorDir: author.getAttribute('dir'),
          authorText: author.textContent.trim(),
          // In a right-to-left card the name starts at the right.
          authorFromRight: Math.round(card.right - a.right),
          authorFromLeft: Math.round(a.left - card.left),
        };
      }, FA.body);
      t.diagnostic(`fa comment: ${JSON.stringify(info)}`);
      assert.ok(info.found, `fa: the comment text ${JSON.stringify(FA.body)} is on the page`);
      assert.equal(info.dirOf, 'p rtl', 'fa: the comment text is in a paragraph with dir="rtl"');
      assert.equal(info.direction, 'rtl', 'fa: the comment text computes to right to left');
      assert.equal(info.authorDir, 'auto');
      assert.equal(info.authorText, FA.name);
      assert.ok(info.authorFromRight < info.authorFromLeft, `fa: the name stands at the right of its card: ${JSON.stringify(info)}`);
      const count = normalizeSpace(await page.locator('a.comment-count').innerText());
      assert.match(count, /^[1۱] نظر$/, `fa: the comment count reads "۱ نظر", not ${JSON.stringify(count)}`);
      assert.deepEqual(await overflowProblems(page), [], 'fa article with a comment: width');
      await screenshot(page, t, 'fa-article', { section: page.locator('section#comments') });
      await screenshot(page, t, 'fa-article-full');
      await page.close();
      assertNoBrowserErrors('article pages with comments');

      // The same at a phone's width.
      const phone = await browser.newContext(PHONE);
      try {
        const p = await newPage(phone);
        for (const lang of ['en', 'fa']) {
          await p.goto(articleUrl(lang), { waitUntil: 'networkidle' });
          assert.deepEqual(await overflowProblems(p), [], `${lang} article with a comment at 375px: width`);
          await screenshot(p, t, `${lang}-article-phone`, { section: p.locator('section#comments') });
        }
      } finally {
        await phone.close();
      }
      assertNoBrowserErrors('article pages with comments at 375px');

      const problems = await axeOnUrls(t, [articleUrl('en'), articleUrl('fa')]);
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    test('the reader replies through the Reply link of the English comment', { timeout: TEST_TIMEOUT }, async (t) => {
      need('EN');
      const page = await newPage(reader);
      await page.goto(articleUrl('en'), { waitUntil: 'networkidle' });
      const parent = page.locator(`li.comment#comment-${ids.EN}`);
      const replyLink = parent.locator('a.comment-reply');
      assert.equal(await replyLink.count(), 1, 'a Reply link on the approved comment');
      // "Reply", and for screen readers (visually hidden) whom to.
      assert.equal(normalizeSpace(await replyLink.textContent()), `Reply: ${EN.name}`);
      assert.equal(await parent.getByRole('link', { name: new RegExp(`^Reply\\W+${EN.name}$`) }).count(), 1, 'the Reply link names the commenter');
      const replyPath = `/en/${SLUG}/comments/${ids.EN}/reply`;
      await Promise.all([
        page.waitForURL((u) => u.pathname === replyPath, { timeout: NAV_TIMEOUT }),
        replyLink.click(),
      ]);
      await page.waitForLoadState('load');
      assert.equal(normalizeSpace(await page.locator('h1').innerText()), `Reply to ${EN.name}`);
      assert.equal(normalizeSpace(await page.locator('.comment.parent .comment-body').innerText()), EN.body, 'the comment answered is shown');
      assert.equal(await page.locator(`form#comment-form input[name="parent"][value="${ids.EN}"]`).count(), 1, 'the form names the comment it answers');
      // The page's h1 names the form; no second heading repeats it (under
      // the article the form has its own h3 after the h2 "Comments").
      assert.equal(await page.locator('main h1, main h2, main h3').count(), 1, 'one heading: the h1');
      assert.equal(await page.getByRole('form', { name: `Reply to ${EN.name}` }).count(), 1, 'the form is named by the h1');
      await screenshot(page, t, 'reply');

      // Their email has an approved comment now, so the reply is published at once.
      await postComment(page, REPLY, { expectPath: `/en/${SLUG}` });
      const hash = new URL(page.url()).hash;
      assert.match(hash, /^#comment-\d+$/, `the reply lands on its own anchor, not ${page.url()}`);
      ids.REPLY = hash.replace('#comment-', '');
      const reply = page.locator(`li.comment#comment-${ids.EN} > ol.comment-replies > li.comment.reply#comment-${ids.REPLY}`);
      assert.equal(await reply.count(), 1, 'the reply is listed under the comment it answers');
      assert.equal(normalizeSpace(await reply.locator('.comment-body').innerText()), REPLY.body);
      assert.equal(await reply.locator('a.comment-reply').count(), 0, 'replies are not answered in turn');
      assert.ok(await reply.evaluate((li) => li.matches(':target')), 'the reply is the :target');
      assert.equal(normalizeSpace(await page.locator('a.comment-count').innerText()), '2 Comments');
      await screenshot(page, t, 'en-article-reply', { section: page.locator('section#comments') });
      await page.close();
      assertNoBrowserErrors('replying');

      const problems = await axeOnUrls(t, [`${baseUrl}${replyPath}`, articleUrl('en')]);
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    test('a Dari reply, once approved, is indented from the right under the comment it answers', { timeout: TEST_TIMEOUT }, async (t) => {
      need('FA');
      const page = await newPage(reader);
      await page.goto(articleUrl('fa'), { waitUntil: 'networkidle' });
      const replyPath = `/fa/${SLUG}/comments/${ids.FA}/reply`;
      await Promise.all([
        page.waitForURL((u) => u.pathname === replyPath, { timeout: NAV_TIMEOUT }),
        page.locator(`li.comment#comment-${ids.FA} a.comment-reply`).click(),
      ]);
      await page.waitForLoadState('load');
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl', 'the Dari reply page is right to left');
      assert.match(normalizeSpace(await page.locator('h1').innerText()), new RegExp(FA.name), 'the heading names the commenter');
      await screenshot(page, t, 'reply-fa');
      // A new email: held like any first comment.
      await postComment(page, FA_REPLY, { expectPath: `/fa/${SLUG}/comments/held` });
      await assertHeldPage(page, { lang: 'fa', dir: 'rtl' });
      await page.close();

      const queue = await newPage(moderator);
      await queue.goto(`${baseUrl}/admin/comments`, { waitUntil: 'load' });
      const item = queueItem(queue, FA_REPLY.name);
      assert.equal(await item.count(), 1, 'the Dari reply is in the queue');
      assert.match(normalizeSpace(await item.locator('.comment-meta').innerText()), new RegExp(`reply to #${ids.FA}`));
      assert.match(normalizeSpace(await item.locator('.held-reason').innerText()), new RegExp(HELD_FIRST_COMMENT));
      await Promise.all([
        queue.waitForURL((u) => u.searchParams.get('notice') === 'approved', { timeout: NAV_TIMEOUT }),
        item.getByRole('button', { name: /^Approve comment #/ }).click(),
      ]);
      await queue.close();

      const article = await newPage(reader);
      await article.goto(articleUrl('fa'), { waitUntil: 'networkidle' });
      const parent = article.locator(`li.comment#comment-${ids.FA}`);
      const reply = parent.locator('> ol.comment-replies > li.comment.reply');
      assert.equal(await reply.count(), 1, 'the Dari reply is listed under the comment it answers');
      assert.equal(normalizeSpace(await reply.locator('.comment-body').innerText()), FA_REPLY.body);
      const layout = await parent.evaluate((li) => {
        const card = li.querySelector(':scope > .comment-card').getBoundingClientRect();
        const ol = li.querySelector(':scope > ol.comment-replies');
        const replyCard = ol.querySelector('.comment-card').getBoundingClientRect();
        const style = getComputedStyle(ol);
        return {
          replyDirection: getComputedStyle(ol.querySelector('.comment-body p')).direction,
          listStyle: [li, ol.querySelector('li')].map((el) => getComputedStyle(el).listStyleType),
          borderRight: style.borderRightWidth,
          borderLeft: style.borderLeftWidth,
          indentRight: Math.round(card.right - replyCard.right),
          indentLeft: Math.round(replyCard.left - card.left),
        };
      });
      t.diagnostic(`fa reply layout: ${JSON.stringify(layout)}`);
      assert.equal(layout.replyDirection, 'rtl', 'the Dari reply that opens with "UNICEF" reads right to left');
      assert.deepEqual(layout.listStyle, ['none', 'none'], 'no list numbers beside comments');
      assert.equal(layout.borderRight, '2px', 'the replies\' rule is on the right (the start side)');
      assert.equal(layout.borderLeft, '0px', 'and not on the left');
      assert.ok(layout.indentRight > 16 && layout.indentLeft < 2, `the reply is indented from the right: ${JSON.stringify(layout)}`);
      assert.match(normalizeSpace(await article.locator('a.comment-count').innerText()), /^[2۲] نظر$/);
      assert.deepEqual(await overflowProblems(article), [], 'fa article with a reply: width');
      await screenshot(article, t, 'fa-article-reply', { section: article.locator('section#comments') });
      await article.close();
      assertNoBrowserErrors('replying in Dari');
    });

    test('a comment can be posted with JavaScript disabled', { timeout: TEST_TIMEOUT }, async (t) => {
      const noJs = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
      try {
        const page = await newPage(noJs);
        await page.goto(articleUrl('en'), { waitUntil: 'networkidle' });
        await postComment(page, NOJS, { expectPath: `/en/${SLUG}/comments/held` });
        await assertHeldPage(page, { lang: 'en', dir: 'ltr' });
        await screenshot(page, t, 'held-nojs');
      } finally {
        await noJs.close();
      }
      assertNoBrowserErrors('posting without JavaScript');

      // It waits in the queue like the others.
      const page = await newPage(moderator);
      await page.goto(`${baseUrl}/admin/comments`, { waitUntil: 'load' });
      const item = queueItem(page, NOJS.name);
      assert.equal(await item.count(), 1, 'the comment posted without JavaScript is in the queue');
      assert.match(normalizeSpace(await item.locator('.held-reason').innerText()), new RegExp(HELD_NO_EMAIL));
      await page.close();
      assertNoBrowserErrors('the queue');
    });

    // A comment the moderator posts from the article page while signed in is
    // published at once and marked "Site team" (in Dari too); the badge is
    // read against its own background with at least 4.5:1 (it is small
    // text) in the light and the dark scheme, and the pages pass axe in both.
    test('a comment by the site team is marked, legible in light and dark, and passes axe', { timeout: TEST_TIMEOUT }, async (t) => {
      const said = { en: 'Site team', fa: 'گروه سایت', ps: 'د سایټ ډله' };
      const replyUrls = [];
      for (const lang of ['en', 'fa', 'ps']) {
        const page = await newPage(moderator);
        await page.goto(articleUrl(lang), { waitUntil: 'networkidle' });
        await postComment(page, STAFF[lang], { expectPath: `/${lang}/${SLUG}` });
        const card = page.locator('section#comments .comment-card.staff').filter({ hasText: STAFF[lang].body });
        assert.equal(await card.count(), 1, `${lang}: the team's comment is published, in a card of its own`);
        assert.equal(normalizeSpace(await card.locator('.comment-staff').innerText()), said[lang], `${lang}: the badge's words`);
        // The page a reader answers it from.
        const id = (await card.evaluate((el) => el.closest('li.comment').id)).replace('comment-', '');
        replyUrls.push([`${articleUrl(lang)}/comments/${id}/reply`, lang]);
        await screenshot(page, t, `${lang}-staff`, { section: card });
        await page.close();
      }
      assertNoBrowserErrors('the site team\'s comments');

      for (const colorScheme of COLOR_SCHEMES) {
        const context = await browser.newContext({ ...DESKTOP, colorScheme });
        try {
          const page = await context.newPage();
          await page.goto(articleUrl('en'), { waitUntil: 'load' });
          const ratio = await page.locator('.comment-staff').first().evaluate((el) => {
            const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
            const lum = ([r, g, b]) => {
              const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
              return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
            };
            const s = getComputedStyle(el);
            const [a, b] = [lum(rgb(s.color)), lum(rgb(s.backgroundColor))].sort((x, y) => y - x);
            return (a + 0.05) / (b + 0.05);
          });
          t.diagnostic(`"Site team" badge contrast (${colorScheme}): ${ratio.toFixed(2)}:1`);
          assert.ok(ratio >= 4.5, `the badge's contrast in the ${colorScheme} scheme is ${ratio.toFixed(2)}:1, under 4.5:1`);
        } finally {
          await context.close();
        }
      }
      const problems = await axeOnUrls(t, [...['en', 'fa', 'ps'].map((lang) => [articleUrl(lang), lang]), ...replyUrls]);
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    // The forms that keep their text when the session lapsed (signed out in
    // another tab, or expired): the comment edit, the word list and a ban come
    // back with what was typed and a sign-in in the form (401), which passes
    // axe in light and dark, and save when sent again with it. Without a
    // session the page is in the language the moderator chose on this
    // browser, whatever the browser prefers: Dari and Pashto on an English
    // browser, English on a Dari or Pashto one.
    test('editorial forms sent after the session lapsed come back with a sign-in that passes axe, and save', { timeout: TEST_TIMEOUT }, async (t) => {
      need('EN');
      const problems = [];
      const signedIn = await moderator.storageState();
      for (const { colorScheme, lang, locale, ban } of [
        { colorScheme: 'light', lang: 'en', locale: 'fa-AF', ban: '198.51.100.0/24' },
        { colorScheme: 'dark', lang: 'en', locale: 'ps-AF', ban: '203.0.113.0/24' },
        { colorScheme: 'light', lang: 'fa', locale: 'en-GB', ban: '192.0.2.0/24' },
        { colorScheme: 'light', lang: 'ps', locale: 'en-GB', ban: '2001:db8::/32' },
      ]) {
        const variant = `${lang}, ${colorScheme}`;
        const forms = [
          { path: `/admin/comments/${ids.EN}/edit`, prefix: 'edit', field: '#edit-body', text: `Mended by the moderator (${variant}).` },
          { path: '/admin/words', prefix: 'words', field: '#words-body', text: `casino\nfree money ${lang} ${colorScheme}` },
          { path: '/admin/bans', prefix: 'ban', field: '#ban-target', text: ban },
        ];
        const context = await browser.newContext({ ...DESKTOP, colorScheme, locale, bypassCSP: true, storageState: signedIn });
        try {
          const page = await context.newPage();
          page.setDefaultTimeout(NAV_TIMEOUT);
          // The moderator chooses the language on this browser (the switcher in the admin bar).
          await page.goto(`${baseUrl}/admin`, { waitUntil: 'load' });
          await Promise.all([page.waitForNavigation({ timeout: NAV_TIMEOUT }), page.locator(`form.admin-lang button[value="${lang}"]`).click()]);
          assert.equal(await page.locator('html').getAttribute('lang'), lang, `${variant}: chosen`);
          for (const f of forms) {
            await page.goto(`${baseUrl}${f.path}`, { waitUntil: 'load' });
            await page.locator(f.field).fill(f.text);
            // The session ends on the server (signed out elsewhere), the form still open.
            const kept = (await context.cookies()).filter((c) => c.name !== 'askaf_session');
            await context.clearCookies();
            await context.addCookies(kept);
            const submit = page.locator(`form[action="${f.path}"] button[type="submit"]`);
            const [lapsed] = await Promise.all([page.waitForNavigation({ timeout: NAV_TIMEOUT }), submit.click()]);
            assert.equal(lapsed?.status(), 401, `${f.path}: sent without a session`);
            assert.equal(await page.locator('html').getAttribute('lang'), lang, `${f.path}: in the language chosen (${variant}, a ${locale} browser)`);
            assert.equal(await page.locator(f.field).inputValue(), f.text, `${f.path}: the text came back`);
            assert.equal(await page.locator(`#${f.prefix}-login-pw`).count(), 1, `${f.path}: a sign-in in the form`);
            await screenshot(page, t, `lapsed-${f.prefix}-${lang}-${colorScheme}`);
            problems.push(...(await langProblems(page, lang, `${f.path} after the session lapsed (${variant})`)));
            problems.push(...(await axeProblems(page, t, `${f.path} after the session lapsed (${variant})`)));
            await page.locator(`#${f.prefix}-login-user`).fill(MODERATOR.name);
            await page.locator(`#${f.prefix}-login-pw`).fill(MODERATOR.password);
            const [saved] = await Promise.all([page.waitForNavigation({ timeout: NAV_TIMEOUT }), submit.click()]);
            assert.equal(saved?.status(), 200, `${f.path}: sent again with the sign-in`);
            assert.ok(new URL(page.url()).searchParams.get('notice'), `${f.path}: saved, with a notice: ${page.url()}`);
          }
        } finally {
          await context.close();
        }
      }
      // English again for what follows.
      const page = await newPage(moderator);
      await page.goto(`${baseUrl}/admin`, { waitUntil: 'load' });
      await Promise.all([page.waitForNavigation({ timeout: NAV_TIMEOUT }), page.locator('form.admin-lang button[value="en"]').click()]);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.close();
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    // The forms that only choose an action (an account's role, its password,
    // its removal, a ban lifted), sent after the session lapsed, come back as
    // one form that does it, with a sign-in, in the browser's language
    // (English, Dari, Pashto) when the browser kept no choice of the staff
    // member's (cleared with the session here), passing axe; the new
    // password is asked for again, never sent back; signed in from there,
    // each is done.
    test('account and ban forms sent after the session lapsed come back in English, Dari and Pashto with a sign-in that passes axe, and are done', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = [];
      const LOCALES = { en: 'en-GB', fa: 'fa-AF', ps: 'ps-AF' };
      const ROLES = { en: 'author', fa: 'moderator', ps: 'editor' };
      const BANNED = { en: '192.0.2.0/28', fa: '192.0.2.16/28', ps: '192.0.2.32/28' };
      const newPassword = (lang) => `a new e2e password in ${lang}`;
      // The administrator signs in and bans an address for each language to lift.
      const admin = await browser.newContext(DESKTOP);
      try {
        const page = await newPage(admin);
        await page.goto(`${baseUrl}/admin/login`, { waitUntil: 'load' });
        await page.locator('#login-username').fill(ADMIN.name);
        await page.locator('#login-password').fill(ADMIN.password);
        await Promise.all([page.waitForNavigation({ timeout: NAV_TIMEOUT }), page.locator('form.admin-form button[type="submit"]').click()]);
        for (const target of Object.values(BANNED)) {
          await page.goto(`${baseUrl}/admin/bans`, { waitUntil: 'load' });
          await page.locator('#ban-target').fill(target);
          const [banned] = await Promise.all([page.waitForNavigation({ timeout: NAV_TIMEOUT }), page.locator('form[action="/admin/bans"] button[type="submit"]').click()]);
          assert.equal(banned?.status(), 200, `banned ${target}`);
        }
        await page.close();
        const signedIn = await admin.storageState();
        for (const lang of ['en', 'fa', 'ps']) {
          const forms = [
            {
              name: 'role', open: '/admin/users', path: `/admin/users/${MANAGED[0].name}`, has: 'input[name="action"][value="role"]',
              fill: (form) => form.locator('select[name="role"]').selectOption(ROLES[lang]),
              done: (page) => page.locator('tr', { hasText: MANAGED[0].name }).locator('td').nth(1).innerText(),
              expect: ROLES[lang],
            },
            {
              name: 'password', open: '/admin/users', path: `/admin/users/${MANAGED[0].name}`, has: 'input[name="action"][value="password"]',
              fill: async (form) => {
                await form.locator('input[name="password"]').fill(newPassword(lang));
                await form.locator('input[name="confirm"]').fill(newPassword(lang));
              },
              again: async (page) => {
                await page.locator('#again-pw').fill(newPassword(lang));
                await page.locator('#again-pw2').fill(newPassword(lang));
              },
            },
            {
              name: 'remove', open: '/admin/users', path: `/admin/users/leaving-${lang}`, has: 'input[name="action"][value="remove"]',
              done: async (page) => String(await page.locator('td', { hasText: `leaving-${lang}` }).count()),
              expect: '0',
            },
            {
              name: 'lift', open: '/admin/bans', has: `input[name="target"][value="${BANNED[lang]}"]`,
              done: async (page) => String(await page.locator('td', { hasText: BANNED[lang] }).count()),
              expect: '0',
            },
          ];
          const context = await browser.newContext({ ...DESKTOP, locale: LOCALES[lang], bypassCSP: true, storageState: signedIn });
          try {
            const page = await context.newPage();
            page.setDefaultTimeout(NAV_TIMEOUT);
            for (const f of forms) {
              const what = `${lang}: ${f.name}`;
              await page.goto(`${baseUrl}${f.open}`, { waitUntil: 'load' });
              const form = page.locator(`form${f.path ? `[action="${f.path}"]` : ''}:has(${f.has})`);
              assert.equal(await form.count(), 1, `${what}: the form on ${f.open}`);
              const path = await form.getAttribute('action');
              if (f.fill) await f.fill(form);
              // The session ends on the server (signed out elsewhere), the page
              // still open; the browser has no choice of language kept either.
              const kept = (await context.cookies()).filter((c) => c.name !== 'askaf_session' && c.name !== 'askaf_admin_lang');
              await context.clearCookies();
              await context.addCookies(kept);
              const [lapsed] = await Promise.all([page.waitForNavigation({ timeout: NAV_TIMEOUT }), form.locator('button[type="submit"]').click()]);
              assert.equal(lapsed?.status(), 401, `${what}: sent without a session`);
              assert.equal(await page.locator('html').getAttribute('lang'), lang, `${what}: in the browser's language`);
              const again = page.locator(`form.admin-form[action="${path}"]`);
              assert.equal(await again.count(), 1, `${what}: the form again, to ${path}`);
              assert.equal(await page.locator('#again-login-pw').count(), 1, `${what}: a sign-in in the form`);
              assert.ok(!(await page.content()).includes(newPassword(lang)), `${what}: no password in the page`);
              await screenshot(page, t, `lapsed-${f.name}-${lang}`);
              problems.push(...(await axeProblems(page, t, `${path} (${f.name}) after the session lapsed (${lang})`)));
              if (f.again) await f.again(page);
              await page.locator('#again-login-user').fill(ADMIN.name);
              await page.locator('#again-login-pw').fill(ADMIN.password);
              const [done] = await Promise.all([page.waitForNavigation({ timeout: NAV_TIMEOUT }), again.locator('button[type="submit"]').click()]);
              assert.equal(done?.status(), 200, `${what}: sent again with the sign-in`);
              assert.ok(new URL(page.url()).searchParams.get('notice'), `${what}: done, with a notice: ${page.url()}`);
              if (f.done) assert.equal(normalizeSpace(await f.done(page)), f.expect, `${what}: done`);
            }
            await page.close();
          } finally {
            await context.close();
          }
          // The new password works.
          const check = await browser.newContext(DESKTOP);
          try {
            const page = await check.newPage();
            await page.goto(`${baseUrl}/admin/login`, { waitUntil: 'load' });
            await page.locator('#login-username').fill(MANAGED[0].name);
            await page.locator('#login-password').fill(newPassword(lang));
            await Promise.all([page.waitForNavigation({ timeout: NAV_TIMEOUT }), page.locator('form.admin-form button[type="submit"]').click()]);
            assert.notEqual(new URL(page.url()).pathname, '/admin/login', `${lang}: signed in with the new password`);
          } finally {
            await check.close();
          }
        }
      } finally {
        await admin.close();
      }
      assertNoBrowserErrors('account and ban forms after the session lapsed');
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    // What the accounts and bans pages give back of what was typed: a ban
    // refused names the value in a <bdi> of its own (not in backticks), and
    // the add-account form sent back (refused, or after the session lapsed,
    // with its sign-in) says its passwords were not kept; in the
    // administrator's language, passing axe in light and dark.
    test('a refused ban and an add-account form sent back pass axe in English, Dari and Pashto', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = [];
      const admin = await browser.newContext(DESKTOP);
      try {
        const signIn = await newPage(admin);
        await signIn.goto(`${baseUrl}/admin/login`, { waitUntil: 'load' });
        await signIn.locator('#login-username').fill(ADMIN.name);
        await signIn.locator('#login-password').fill(ADMIN.password);
        await Promise.all([signIn.waitForNavigation({ timeout: NAV_TIMEOUT }), signIn.locator('form.admin-form button[type="submit"]').click()]);
        await signIn.close();
        const signedIn = await admin.storageState();
        // English last, for what follows.
        for (const lang of ['fa', 'ps', 'en']) {
          for (const colorScheme of COLOR_SCHEMES) {
            const variant = `${lang}, ${colorScheme}`;
            const context = await browser.newContext({ ...DESKTOP, colorScheme, bypassCSP: true, storageState: signedIn });
            try {
              // Not watched for browser errors: its answers are 4xx on purpose.
              const page = await context.newPage();
              page.setDefaultTimeout(NAV_TIMEOUT);
              await page.goto(`${baseUrl}/admin/bans`, { waitUntil: 'load' });
              await Promise.all([page.waitForNavigation({ timeout: NAV_TIMEOUT }), page.locator(`form.admin-lang button[value="${lang}"]`).click()]);
              assert.equal(await page.locator('html').getAttribute('lang'), lang, `${variant}: chosen`);

              await page.locator('#ban-target').fill('not an address');
              const [refused] = await Promise.all([page.waitForNavigation({ timeout: NAV_TIMEOUT }), page.locator('form[action="/admin/bans"] button[type="submit"]').click()]);
              assert.equal(refused?.status(), 400, `${variant}: the ban refused`);
              assert.equal(normalizeSpace(await page.locator('.form-errors bdi:not([dir])').innerText()), 'not an address', `${variant}: the value isolated`);
              // The examples keep their order in a right-to-left sentence.
              assert.deepEqual(await page.locator('.form-errors bdi[dir="ltr"]').allInnerTexts(), ['203.0.113.7', '203.0.113.0/24', '2001:db8::/32'], `${variant}: the examples isolated`);
              assert.ok(!(await page.locator('.form-errors').innerText()).includes('`'), `${variant}: no backticks`);
              await screenshot(page, t, `ban-refused-${lang}-${colorScheme}`);
              problems.push(...(await langProblems(page, lang, `/admin/bans, refused (${variant})`)));
              problems.push(...(await axeProblems(page, t, `/admin/bans, refused (${variant})`)));

              const add = async (password, again) => {
                const form = page.locator('form[action="/admin/users"]');
                await form.locator('#acc-name').fill(`newcomer-${lang}`);
                await form.locator('#acc-pw').fill(password);
                await form.locator('#acc-pw2').fill(again);
                const [sent] = await Promise.all([page.waitForNavigation({ timeout: NAV_TIMEOUT }), form.locator('button[type="submit"]').click()]);
                assert.equal(await page.locator('#acc-name').inputValue(), `newcomer-${lang}`, `${variant}: the name kept`);
                assert.equal(await page.locator('#acc-pw').inputValue(), '', `${variant}: no password sent back`);
                assert.equal(await page.locator('#acc-password-note').count(), 1, `${variant}: says why`);
                return sent?.status();
              };
              await page.goto(`${baseUrl}/admin/users`, { waitUntil: 'load' });
              assert.equal(await add('an e2e password typed once', 'an e2e password typed twice'), 422, `${variant}: refused`);
              problems.push(...(await langProblems(page, lang, `/admin/users, refused (${variant})`)));
              problems.push(...(await axeProblems(page, t, `/admin/users, refused (${variant})`)));
              // The session ends on the server (signed out elsewhere), the page still open.
              const kept = (await context.cookies()).filter((c) => c.name !== 'askaf_session');
              await context.clearCookies();
              await context.addCookies(kept);
              assert.equal(await add('an e2e password typed twice', 'an e2e password typed twice'), 401, `${variant}: after the session lapsed`);
              assert.equal(await page.locator('html').getAttribute('lang'), lang, `${variant}: in the language chosen`);
              assert.equal(await page.locator('#acc-login-pw').count(), 1, `${variant}: a sign-in in the form`);
              await screenshot(page, t, `lapsed-add-account-${lang}-${colorScheme}`);
              problems.push(...(await langProblems(page, lang, `/admin/users after the session lapsed (${variant})`)));
              problems.push(...(await axeProblems(page, t, `/admin/users after the session lapsed (${variant})`)));
            } finally {
              await context.close();
            }
          }
        }
      } finally {
        await admin.close();
      }
      assertNoBrowserErrors('a refused ban and an add-account form sent back');
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    // The decision log after the moderation above: what the checks held,
    // what was approved, the word lists and bans saved (by the sign-ins in
    // lapsed forms), the moderator's changes of language; each line said in
    // the moderator's language with its values, in Dari and Pashto right to
    // left, and the log and the approved comments (the team's among them)
    // pass axe in each language, light and dark.
    test('the decision log says what was done in the moderator\'s language, and passes axe in each', { timeout: TEST_TIMEOUT }, async (t) => {
      const entries = { en: /\b\d+ entries\b/, fa: /[۰-۹]+ مورد/, ps: /[۰-۹]+ توکي/ };
      const problems = [];
      const page = await newPage(moderator);
      for (const lang of ['fa', 'ps', 'en']) {
        await page.goto(`${baseUrl}/admin/log`, { waitUntil: 'load' });
        await Promise.all([
          page.waitForURL((u) => u.pathname === '/admin/log'),
          page.locator(`form.admin-lang button[value="${lang}"]`).click(),
        ]);
        await page.waitForLoadState('load');
        const lines = await page.locator('table.admin-table tbody tr').allInnerTexts();
        assert.ok(lines.length >= 8, `${lang}: the log lists the decisions above: ${lines.length}`);
        if (!lines.some((l) => entries[lang].test(l))) problems.push(`${lang}: no word list line says its entries in ${lang}: ${lines.join(' | ')}`);
        problems.push(...(await axeOnUrls(t, ['/admin/log', '/admin/comments?status=approved'].map((u) => [`${baseUrl}${u}`, lang]), {
          storageState: await moderator.storageState(),
        })));
      }
      await page.close();
      assertNoBrowserErrors('the decision log');
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    // A comment past what the comment form's address takes (a browser whose
    // maxlength is lifted, or that does not keep to it) is refused in words
    // in the page's language, with the limit and that the text was not kept
    // there; Back returns to the article page, whose form still holds it (the
    // page is not no-store).
    test('a comment too large to send is refused in words, and Back gives the text back', { timeout: TEST_TIMEOUT }, async (t) => {
      const context = await browser.newContext(DESKTOP);
      try {
        // Past 256 KB once sent: Latin letters take a byte each, Dari ones six (%XX%XX).
        const texts = { en: 'long text '.repeat(30_000), fa: 'متن بلند '.repeat(8_000) };
        for (const [lang, said] of [['en', '256 KB'], ['fa', '۲۵۶ کیلوبایت']]) {
          const page = await context.newPage();
          page.setDefaultTimeout(NAV_TIMEOUT);
          await page.goto(articleUrl(lang), { waitUntil: 'load' });
          const body = texts[lang];
          await page.locator('#comment-body').evaluate((el) => el.removeAttribute('maxlength'));
          await page.locator('#comment-name').fill('Long Writer');
          await page.locator('#comment-body').fill(body, { timeout: 60_000 });
          const [refused] = await Promise.all([
            page.waitForNavigation({ timeout: NAV_TIMEOUT }),
            page.locator('form#comment-form button[type="submit"]').click(),
          ]);
          assert.equal(refused?.status(), 413, `${lang}: too large`);
          const main = normalizeSpace(await page.locator('main').innerText());
          assert.ok(main.includes(said), `${lang}: the limit is said: ${main}`);
          assert.equal(await page.locator('html').getAttribute('lang'), lang);
          await screenshot(page, t, `too-large-${lang}`);
          await page.goBack({ waitUntil: 'load' });
          assert.equal(new URL(page.url()).pathname, `/${lang}/${SLUG}`, `${lang}: Back is the article`);
          assert.equal(await page.locator('#comment-body').inputValue(), body, `${lang}: the form still holds the text`);
          await page.close();
        }
      } finally {
        await context.close();
      }
    });
  });
}
