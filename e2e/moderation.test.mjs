// Browser tests of the moderators' pages (the comment queue, the decision
// log, the bans), walked as a journalist moderating comments walks them: on
// a 360px phone and on a desktop, in English, Dari and Pashto.
//
// Starts the real `askaf` binary (env ASKAF_BIN, default
// <repo>/target/debug/askaf) with a moderator made beforehand, lets a reader
// post comments through the article's form (one with a long link, one
// signed with a long email address), and then, as the moderator, checks on
// each page in each language and at each width: no sideways scrolling (of
// the page, or of a table within its box), axe-core (no serious or critical
// violation) and the page's languages (langProblems).
//
// Run: cargo build -p askaf --all-features && node --test e2e/moderation.test.mjs
//
// If /usr/bin/chromium or e2e/node_modules is missing, the tests are skipped
// with a message, unless ASKAF_REQUIRE_EXTERNAL=1, in which case they fail.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import {
  REPO_DIR,
  SCREENSHOTS,
  axeProblems,
  defineSuiteIfPrerequisites,
  langProblems,
  launchChromium,
  startAskaf,
  watchedPages,
} from './lib/browser.mjs';

const TEST_TIMEOUT = 240_000;
const NAV_TIMEOUT = 15_000;

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const WIDTHS = [['360px', PHONE], ['desktop', DESKTOP]];
const LANGS = ['en', 'fa', 'ps'];

const SLUG = 'who-governs-afghanistan';
const MODERATOR = { name: 'mod1', role: 'moderator', password: 'e2e moderator password' };

// A spam link of 120 characters, no space in it: the moderator adds it to
// the word list, and the comment that carries it waits with it as its reason.
const LONG_LINK = `https://spam.example/${'a'.repeat(99)}`;
// An email address of 76 characters (its part before the @ as long as one
// may be), which the log shows beside the address it came from.
const LONG_EMAIL = `${'r'.repeat(64)}@example.org`;

// What readers write, each held for a moderator: the long link (the word
// list's entry); a long email address; links to see before approving; a
// comment in Dari. The address may post as many in an hour, and no more.
const READERS_COMMENTS = [
  { lang: 'en', name: 'Spam Sender', body: `Cheap offers at ${LONG_LINK} today` },
  { lang: 'en', name: 'Long Address', email: LONG_EMAIL, body: 'Which provinces does this cover?' },
  {
    lang: 'en',
    name: 'Link Giver',
    body: 'See [the UN report](https://evil.example/phish?q=<b>) and [this](javascript:alert(1)) and <https://www.unicef.org/afghanistan>.',
  },
  // "Maryam"; "This article was very useful."
  { lang: 'fa', name: 'مریم', body: 'این مقاله بسیار سودمند بود.' },
];

defineSuiteIfPrerequisites(defineSuite, {
  skipName: 'moderation pages browser e2e',
  failName: 'browser e2e prerequisites for the moderation pages (ASKAF_REQUIRE_EXTERNAL=1)',
});

function defineSuite() {
  describe('The moderators\' pages at 360px and on a desktop, in English, Dari and Pashto', { timeout: 20 * 60_000 }, () => {
    let server;
    let browser;
    let baseUrl;
    let moderator; // the moderator's storage state (its session)

    before(async () => {
      server = await startAskaf({
        extraArgs: ['--comment-min-seconds', '0', '--comments-per-ip-per-hour', String(READERS_COMMENTS.length)],
        users: [MODERATOR],
      });
      baseUrl = server.baseUrl;
      browser = await launchChromium();

      // The moderator signs in and puts the long link on the word list.
      const context = await browser.newContext(DESKTOP);
      const page = await newPage(context);
      await page.goto(`${baseUrl}/admin/login`, { waitUntil: 'load' });
      await page.locator('#login-username').fill(MODERATOR.name);
      await page.locator('#login-password').fill(MODERATOR.password);
      await Promise.all([page.waitForNavigation(), page.locator('form.admin-form button[type="submit"]').click()]);
      await page.goto(`${baseUrl}/admin/words`, { waitUntil: 'load' });
      await page.locator('#words-body').fill(`${LONG_LINK}\n`);
      await Promise.all([page.waitForNavigation(), page.locator('form[action="/admin/words"] button[type="submit"]').click()]);
      moderator = await context.storageState();
      await context.close();

      // The readers' comments, each held; then one more from the same
      // address, refused: past the address's limit.
      const reader = await browser.newContext(DESKTOP);
      for (const c of READERS_COMMENTS) await postComment(reader, c.lang, c);
      await postComment(reader, 'en', { name: 'One Too Many', body: 'Posted past the limit.' }, { refused: true });
      await reader.close();
    });

    after(async () => {
      if (browser) await browser.close().catch(() => {});
      if (server) await server.stop();
    });

    const { newPage, assertNoBrowserErrors } = watchedPages(() => baseUrl, NAV_TIMEOUT);

    // Posts a comment through the article's form, as a reader does: held
    // (the page that says it waits), or `refused` (the form again, 429).
    async function postComment(context, lang, { name, email, body }, { refused = false } = {}) {
      const page = refused ? await context.newPage() : await newPage(context);
      await page.goto(`${baseUrl}/${lang}/${SLUG}`, { waitUntil: 'load' });
      await page.locator('#comment-name').fill(name);
      if (email) await page.locator('#comment-email').fill(email);
      await page.locator('#comment-body').fill(body);
      const [answer] = await Promise.all([
        page.waitForNavigation(),
        page.locator('form#comment-form button[type="submit"]').click(),
      ]);
      if (refused) assert.equal(answer?.status(), 429, `${name}: refused`);
      else assert.equal(new URL(page.url()).pathname, `/${lang}/${SLUG}/comments/held`, `${name}: held`);
      await page.close();
    }

    // The page `where` as the moderator sees it in English, Dari and Pashto
    // (the account's language, chosen with the admin bar's buttons), at
    // 360px and on a desktop: `visit(page, { lang, width, label })` for each,
    // and the problems it returns, all of them.
    async function onEachPage(where, visit) {
      const problems = [];
      for (const lang of LANGS) {
        for (const [width, size] of WIDTHS) {
          const context = await browser.newContext({ ...size, bypassCSP: true, storageState: moderator });
          try {
            const page = await newPage(context);
            await page.goto(`${baseUrl}/admin`, { waitUntil: 'load' });
            if ((await page.locator('html').getAttribute('lang')) !== lang) {
              await Promise.all([page.waitForNavigation(), page.locator(`form.admin-lang button[value="${lang}"]`).click()]);
            }
            assert.equal(await page.locator('html').getAttribute('lang'), lang, `the moderator's pages in ${lang}`);
            await page.goto(`${baseUrl}${where}`, { waitUntil: 'load' });
            problems.push(...(await visit(page, { lang, width, label: `${where} (${lang}, ${width})` })));
          } finally {
            await context.close();
          }
        }
      }
      return problems;
    }

    // Nothing scrolls sideways: not the page, and not a table in its box.
    async function sidewaysProblems(page, label) {
      const info = await page.evaluate(() => ({
        page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
        boxes: [...document.querySelectorAll('.table-wrap')].map((box) => [box.scrollWidth, box.clientWidth]),
      }));
      const problems = [];
      if (info.page[0] > info.page[1] + 1) problems.push(`${label}: the page is ${info.page[0]}px wide in a ${info.page[1]}px viewport`);
      for (const [scroll, client] of info.boxes) {
        if (scroll > client + 1) problems.push(`${label}: a table is ${scroll}px wide in its ${client}px box`);
      }
      return problems;
    }

    // Nothing the log shows of the long link and the long email address
    // makes its table wider: it is as wide with their rows as without them.
    async function widenedProblems(page, label) {
      const widths = await page.evaluate(([link, email]) => {
        const table = document.querySelector('table.admin-table');
        const width = () => Math.round(table.getBoundingClientRect().width);
        const rows = [...table.querySelectorAll('tbody tr')].filter((tr) => /spam\.example|rrrr@/.test(tr.textContent));
        const withThem = width();
        for (const tr of rows) tr.hidden = true;
        const without = width();
        for (const tr of rows) tr.hidden = false;
        return { rows: rows.length, withThem, without };
      }, [LONG_LINK, LONG_EMAIL]);
      if (widths.rows === 0) return [`${label}: no row shows the long link or the long email address`];
      return widths.withThem > widths.without + 1
        ? [`${label}: the long link and the long email address widen the log's table from ${widths.without}px to ${widths.withThem}px`]
        : [];
    }

    // A control's name as Chromium computes it, from its accessibility tree
    // (`- button "Approve …"`, in YAML's quotes when it holds a colon).
    async function accessibleName(control) {
      let line = (await control.ariaSnapshot()).split('\n')[0].replace(/^- /, '').replace(/:$/, '');
      if (line.startsWith("'")) line = line.slice(1, -1).replace(/''/g, "'");
      return (/^\w+ "(.*)"$/.exec(line) || [])[1] ?? '';
    }

    async function screenshot(page, t, name) {
      const shot = path.join(SCREENSHOTS, `moderation-${name}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      t.diagnostic(`screenshot: ${path.relative(REPO_DIR, shot)}`);
    }

    // The decision log holds the long link (why the comment waits) and the
    // long email address (where it came from): each breaks within its cell.
    test('the decision log does not scroll sideways with a long unbroken word in it', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = await onEachPage('/admin/log', async (page, { lang, width, label }) => {
        const text = await page.locator('main').innerText();
        assert.ok(text.replace(/\s/g, '').includes(LONG_LINK), `${label}: the long link is in the log`);
        const found = await widenedProblems(page, label);
        if (width === 'desktop') found.push(...(await sidewaysProblems(page, label)));
        found.push(...(await langProblems(page, lang, label)));
        found.push(...(await axeProblems(page, t, label)));
        await screenshot(page, t, `log-${lang}-${width}`);
        return found;
      });
      assertNoBrowserErrors('the decision log');
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    // On a phone each row of the log is a card, as an article's history's
    // rows are: each cell a line of the card's width under its column's
    // label, one that says nothing left out; on a desktop, a table whose
    // labels are out of sight.
    test('on a phone the decision log reads as cards, each value under its label', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = await onEachPage('/admin/log', async (page, { lang, width, label }) => {
        const found = await page.locator('table.admin-table').evaluate((table, phone) => {
          const out = [];
          const heads = [...table.tHead.rows[0].cells].map((th) => th.textContent.trim());
          for (const row of table.tBodies[0].rows) {
            const rowBox = row.getBoundingClientRect();
            const display = getComputedStyle(row).display;
            if (phone && display !== 'grid') out.push(`a row is displayed as ${display}, not as a card`);
            if (!phone && display !== 'table-row') out.push(`a row is displayed as ${display} on a desktop`);
            [...row.cells].forEach((cell, i) => {
              const shown = [...cell.querySelectorAll('.card-label')].filter((l) => l.getBoundingClientRect().width > 0);
              const words = cell.innerText.trim().slice(0, 60);
              if (phone && !cell.textContent.trim()) {
                if (getComputedStyle(cell).display !== 'none') out.push(`an empty "${heads[i]}" is shown in a card`);
              } else if (phone) {
                if (shown.length !== 1 || shown[0].textContent.trim() !== heads[i]) out.push(`"${words}" is not under its label "${heads[i]}"`);
                const wide = cell.getBoundingClientRect().width;
                if (wide < 0.9 * (rowBox.width - 24)) out.push(`"${words}" is ${Math.round(wide)}px wide in a card of ${Math.round(rowBox.width)}px`);
              } else if (shown.length) {
                out.push(`"${words}": its label is shown on a desktop`);
              }
            });
          }
          return [...new Set(out)];
        }, width === '360px');
        const said = found.map((f) => `${label}: ${f}`);
        if (width === '360px') {
          said.push(...(await sidewaysProblems(page, label)));
          said.push(...(await langProblems(page, lang, label)));
          said.push(...(await axeProblems(page, t, label)));
          await screenshot(page, t, `log-cards-${lang}`);
        }
        return said;
      });
      assertNoBrowserErrors('the decision log as cards');
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    // In Dari and Pashto the words that stay English (a reason's code such
    // as no-email, a command's name, "IP") are marked as English, so a
    // screen reader reads them with an English voice; names typed are
    // isolated. The queue and the log, on a phone and on a desktop, the
    // whole page: the layout's brand ("AskAfghanistan", in the header, the
    // tagline and the rights) and the footer's "API" as well, which a
    // reader's page shows too.
    test('the queue and the log mark their English words as English in Dari and Pashto', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = [];
      for (const where of ['/admin/comments', '/admin/log']) {
        problems.push(...(await onEachPage(where, async (page, { lang, width, label }) => {
          const found = await langProblems(page, lang, label, { english: true, within: 'body' });
          if (width === '360px') found.push(...(await axeProblems(page, t, label)));
          return found;
        })));
      }
      const context = await browser.newContext(PHONE);
      try {
        const page = await newPage(context);
        for (const lang of ['fa', 'ps']) {
          await page.goto(`${baseUrl}/${lang}/`, { waitUntil: 'load' });
          problems.push(...(await langProblems(page, lang, `/${lang}/`, { english: true, within: 'body' })));
        }
      } finally {
        await context.close();
      }
      assertNoBrowserErrors('English words marked');
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    // Each of a comment's buttons (and its Edit link) says, to a screen
    // reader, which comment it acts on: a moderator moving from button to
    // button hears whose comment each one is, in the page's language.
    test('each button of the queue names the comment it acts on, in English, Dari and Pashto', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = await onEachPage('/admin/comments', async (page, { width, label }) => {
        const found = [];
        const seen = new Set();
        for (const c of READERS_COMMENTS) {
          const item = page.locator('li.admin-comment').filter({ has: page.locator('.comment-meta strong', { hasText: c.name }) });
          const when = (await item.locator('.comment-meta time').innerText()).trim();
          for (const control of await item.locator('.admin-actions button, .admin-actions a').all()) {
            const name = await accessibleName(control);
            if (!name.includes(c.name) || !name.includes(when)) found.push(`${label}: "${name}" does not say it is ${c.name}'s comment of ${when}`);
            if (seen.has(name)) found.push(`${label}: two controls named "${name}"`);
            seen.add(name);
          }
        }
        if (width === '360px') {
          found.push(...(await sidewaysProblems(page, label)));
          found.push(...(await axeProblems(page, t, label)));
        }
        return found;
      });
      assertNoBrowserErrors('the queue\'s buttons');
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    // A held comment's links: the moderator sees where each leads before
    // approving, under the comment, in full and readable on a phone; a
    // link to anywhere else (javascript:) is no link at all.
    test('the queue shows where each link of a held comment leads', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = await onEachPage('/admin/comments', async (page, { lang, width, label }) => {
        const found = [];
        const item = page.locator('li.admin-comment').filter({ has: page.locator('.comment-meta strong', { hasText: 'Link Giver' }) });
        const targets = item.locator('.link-targets .link-target');
        const shown = await targets.evaluateAll((els) => els.map((el) => {
          const r = el.getBoundingClientRect();
          return { text: el.textContent, visible: r.width > 0 && r.height > 0, right: r.right, left: r.left, dir: getComputedStyle(el).direction };
        }));
        const want = ['https://evil.example/phish?q=%3Cb%3E', 'https://www.unicef.org/afghanistan'];
        if (JSON.stringify(shown.map((s) => s.text)) !== JSON.stringify(want)) found.push(`${label}: the links' targets read ${JSON.stringify(shown.map((s) => s.text))}`);
        for (const s of shown) {
          if (!s.visible) found.push(`${label}: ${s.text} is not visible`);
          if (s.dir !== 'ltr') found.push(`${label}: ${s.text} runs ${s.dir}`);
          if (s.left < 0 || s.right > page.viewportSize().width + 1) found.push(`${label}: ${s.text} runs past the screen`);
        }
        if (await item.locator('a[href^="javascript"]').count()) found.push(`${label}: a javascript: link is live`);
        if (width === '360px') {
          found.push(...(await sidewaysProblems(page, label)));
          found.push(...(await langProblems(page, lang, label, { english: true })));
          found.push(...(await axeProblems(page, t, label)));
          await screenshot(page, t, `queue-links-${lang}`);
        }
        return found;
      });
      assertNoBrowserErrors('the links\' targets');
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    // A comment approved by a slip of the finger: the notice names it (its
    // author and first words) and one button undoes it, a form that posts;
    // the comment is back in the queue, and that notice too names it.
    test('after a decision the notice names the comment, and Undo puts it back', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = await onEachPage('/admin/comments', async (page, { lang, width, label }) => {
        const found = [];
        const who = 'Long Address';
        const item = () => page.locator('li.admin-comment').filter({ has: page.locator('.comment-meta strong', { hasText: who }) });
        await Promise.all([page.waitForURL((u) => u.searchParams.get('notice') === 'approved'), item().locator('button[value="approve"]').click()]);
        const notice = (await page.locator('p.notice').innerText()).replace(/\s+/g, ' ');
        if (!notice.includes(who) || !notice.includes('Which provinces does this cover?')) found.push(`${label}: the notice does not name the comment: ${notice}`);
        const undo = page.locator('form.undo');
        if ((await undo.count()) !== 1 || (await undo.getAttribute('method')) !== 'post') return [...found, `${label}: no Undo form that posts`];
        if ((await undo.locator('input[name="csrf"]').count()) !== 1) found.push(`${label}: the Undo form has no CSRF token`);
        if (width === '360px') {
          found.push(...(await sidewaysProblems(page, `${label}, the notice`)));
          found.push(...(await langProblems(page, lang, `${label}, the notice`, { english: true })));
          found.push(...(await axeProblems(page, t, `${label}, the notice`)));
          await screenshot(page, t, `undo-${lang}`);
        }
        await Promise.all([page.waitForURL((u) => u.searchParams.get('notice') === 'requeued'), undo.locator('button').click()]);
        if ((await item().count()) !== 1) found.push(`${label}: after Undo, ${who}'s comment is not back in the queue`);
        const back = (await page.locator('p.notice').innerText()).replace(/\s+/g, ' ');
        if (!back.includes(who)) found.push(`${label}: the notice after Undo does not name the comment: ${back}`);
        return found;
      });
      assertNoBrowserErrors('the notice and Undo');
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    // The bans page in Dari and Pashto: "IP" and "CIDR" in the field's
    // label are marked as English, as every English word of these pages.
    test('the bans page marks IP and CIDR as English in Dari and Pashto', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = await onEachPage('/admin/bans', async (page, { lang, width, label }) => {
        const found = await langProblems(page, lang, label, { english: true });
        if (width === '360px') {
          found.push(...(await sidewaysProblems(page, label)));
          found.push(...(await axeProblems(page, t, label)));
        }
        return found;
      });
      assertNoBrowserErrors('the bans page');
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    // A moderator about to ban a network that holds their own address is
    // warned first, in their language, and bans nothing until they confirm
    // (the browser here is 127.0.0.1); confirmed, it is banned, then lifted.
    test('banning a range that holds one\'s own address asks first', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = await onEachPage('/admin/bans', async (page, { lang, width, label }) => {
        const found = [];
        // Not watched for browser errors: its answer is a 409 on purpose.
        const warned = await page.context().newPage();
        warned.setDefaultTimeout(NAV_TIMEOUT);
        await warned.goto(`${baseUrl}/admin/bans`, { waitUntil: 'load' });
        await warned.locator('#ban-target').fill('127.0.0.0/8');
        const [answer] = await Promise.all([warned.waitForNavigation(), warned.locator('form[action="/admin/bans"] button[type="submit"]').click()]);
        if (answer?.status() !== 409) found.push(`${label}: banning 127.0.0.0/8 answered ${answer?.status()}, not 409`);
        if ((await warned.locator('.form-errors').count()) === 0) {
          await warned.close();
          return [...found, `${label}: no warning before banning 127.0.0.0/8`];
        }
        const said = (await warned.locator('.form-errors').innerText()).replace(/\s+/g, ' ');
        if (!said.includes('127.0.0.0/8') || !said.includes('127.0.0.1')) found.push(`${label}: the warning does not name the network and the address: ${said}`);
        if (await warned.locator('table.admin-table td', { hasText: '127.0.0.0/8' }).count()) found.push(`${label}: banned before it was confirmed`);
        found.push(...(await langProblems(warned, lang, `${label}, warned`, { english: true })));
        if (width === '360px') {
          found.push(...(await sidewaysProblems(warned, `${label}, warned`)));
          found.push(...(await axeProblems(warned, t, `${label}, warned`)));
          await screenshot(warned, t, `ban-own-${lang}`);
        }
        if (lang === 'en' && width === 'desktop') {
          await Promise.all([warned.waitForURL((u) => u.searchParams.get('notice') === 'banned'), warned.locator('form[action="/admin/bans"] button[type="submit"]').click()]);
          const row = warned.locator('table.admin-table tr', { hasText: '127.0.0.0/8' });
          if ((await row.count()) !== 1) found.push(`${label}: confirmed, 127.0.0.0/8 is not banned`);
          else await Promise.all([warned.waitForURL((u) => u.searchParams.get('notice') === 'unbanned'), row.locator('button').click()]);
        }
        await warned.close();
        return found;
      });
      assertNoBrowserErrors('a ban of one\'s own address');
      assert.ok(problems.length === 0, problems.join('\n'));
    });
  });
}
