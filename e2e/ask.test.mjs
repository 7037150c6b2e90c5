// Browser end-to-end tests for asking questions on AskAfghanistan.
//
// Starts the real `askaf` binary (env ASKAF_BIN, default <repo>/target/debug/askaf)
// on a free port with a fresh data directory, then drives Debian's headless
// Chromium through playwright-core:
//   - English: a question typed into the header form of `/` and submitted with
//     Enter lands on /ask with a quoted answer (<blockquote class="answer-sentence">
//     with <mark>ed words); its citation link opens the article at the exact
//     paragraph (#p-N is the :target, in the viewport, highlighted, and contains
//     the quoted sentence); a passage linked from the same page opens and
//     highlights an article body paragraph (#p-N, N >= 1) the same way;
//   - Dari: the same from `/fa/`, with <html dir="rtl"> and Arabic-script answers;
//   - answers as you type: typing into the header form of `/en/` fills `.ask-live`
//     with a citation link, without submitting;
//   - a question a table answers: its row, each cell under its column's name
//     (never the header row as a sentence), the citation opening the table;
//   - a question without an answer: "No clear answer yet" and related articles;
//   - asking and following the citation with JavaScript disabled.
// Every page is checked for browser errors (console errors, CSP violations
// included, uncaught exceptions, failed same-origin requests), and the answer
// pages, the highlighted paragraphs, the live answers and the no-answer page
// with axe-core (no serious/critical violation, light and dark colour schemes).
// Screenshots land in e2e/screenshots/ask-*.png.
//
// Run: npm ci --prefix e2e && cargo build -p askaf && node --test e2e/ask.test.mjs
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
  normalizeSpace,
  launchChromium,
  startAskaf,
  targetProblems,
  watchErrors,
} from './lib/browser.mjs';

const TEST_TIMEOUT = 180_000;
// How long an answer (submitted or as you type) may take to show up; the debug
// build answers in well under a second, this leaves room for a loaded machine.
const ANSWER_TIMEOUT = 15_000;

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const COLOR_SCHEMES = ['light', 'dark'];

const EN_QUESTION = 'Which country was the first to recognise the Taliban government?';
// "Who governs Afghanistan?" in Dari; U+200C (zero-width non-joiner) in «می‌کند».
const FA_QUESTION = 'چه کسی بر افغانستان حکومت می\u200cکند؟';
const LIVE_QUESTION = 'What currency does Afghanistan use';
const NO_ANSWER_PATH = '/ask?q=recipe%20for%20chocolate%20cake';

// The header form on every page but /ask.
const HEADER_FORM = '.header-ask form.ask-form';

// A fetch for answers as you type that the page cancels because the form was
// submitted (or the reader followed a link) is not an error.
const isLiveAsk = (req) => new URL(req.url()).pathname === '/api/v1/ask';

defineSuiteIfPrerequisites(defineSuite, {
  skipName: 'ask browser e2e',
  failName: 'browser e2e prerequisites for ask (ASKAF_REQUIRE_EXTERNAL=1)',
});

function defineSuite() {
  describe('Asking AskAfghanistan in headless Chromium', { timeout: 15 * 60_000 }, () => {
    let server;
    let browser;
    let baseUrl;

    before(async () => {
      server = await startAskaf();
      baseUrl = server.baseUrl;
      browser = await launchChromium();
    });

    after(async () => {
      if (browser) await browser.close().catch(() => {});
      if (server) await server.stop();
    });

    async function screenshot(page, t, name, { fullPage = true } = {}) {
      const shot = path.join(SCREENSHOTS, `ask-${name}.png`);
      await page.screenshot({ path: shot, fullPage });
      t.diagnostic(`screenshot: ${path.relative(REPO_DIR, shot)}`);
    }

    // Runs axe on each URL, in the light and the dark colour scheme, in a context
    // with the CSP bypassed (axe is injected as a foreign script).
    async function axeOnUrls(t, urls) {
      const problems = [];
      for (const colorScheme of COLOR_SCHEMES) {
        const context = await browser.newContext({ ...DESKTOP, colorScheme, bypassCSP: true });
        try {
          for (const entry of urls) {
            // A URL, or [URL, the status it should answer with].
            const [url, status] = Array.isArray(entry) ? entry : [entry, 200];
            const page = await context.newPage();
            const response = await page.goto(url, { waitUntil: 'load' });
            if (response?.status() !== status) {
              problems.push(`axe: GET ${url} returned HTTP ${response?.status()}, expected ${status}`);
            } else {
              problems.push(...(await axeProblems(page, t, `${url} (${colorScheme})`)));
            }
            await page.close();
          }
        } finally {
          await context.close();
        }
      }
      return problems;
    }

    // Types the question into the header form of the current page and presses
    // Enter; resolves once the /ask page has loaded.
    async function askInHeader(page, question) {
      const input = page.locator(`${HEADER_FORM} input[name="q"]`);
      assert.equal(await input.count(), 1, `${page.url()}: expected one header question input`);
      await input.fill(question);
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/ask', { timeout: ANSWER_TIMEOUT }),
        input.press('Enter'),
      ]);
      await page.waitForLoadState('load');
    }

    // Checks the /ask page the browser is on for a quoted answer; returns
    // { problems, sentence, citation } with the first sentence's text and citation href.
    async function answerProblems(page, { lang }) {
      const problems = [];
      const url = page.url();
      const params = new URL(url).searchParams;
      if (params.get('lang') !== lang) problems.push(`${url}: lang parameter is "${params.get('lang')}", expected "${lang}"`);
      const title = page.locator('#answer-title');
      if ((await title.count()) !== 1) problems.push(`${url}: no <h2 id="answer-title">`);
      const answers = page.locator('section.answer blockquote.answer-sentence');
      try {
        await answers.first().waitFor({ state: 'visible', timeout: ANSWER_TIMEOUT });
      } catch {
        const heading = (await title.count()) > 0 ? normalizeSpace(await title.first().innerText()) : '(none)';
        problems.push(`${url}: no visible blockquote.answer-sentence (answer heading: ${JSON.stringify(heading)})`);
        return { problems };
      }
      const first = answers.first();
      // The sentence the question's words chose holds them marked; the one
      // before it may come first to say whom it is about ("He …").
      const marks = answers.locator('mark');
      if ((await marks.count()) === 0) problems.push(`${url}: no answer sentence has a <mark>`);
      else if (!(await marks.first().isVisible())) problems.push(`${url}: the <mark> in the answer is not visible`);
      const sentence = normalizeSpace(await first.locator('p').first().textContent());
      if (sentence.length === 0) problems.push(`${url}: the first answer sentence is empty`);
      const link = first.locator('footer a').first();
      let citation;
      if ((await link.count()) === 0) {
        problems.push(`${url}: the first answer sentence has no citation link in its <footer>`);
      } else {
        citation = await link.getAttribute('href');
        if (!new RegExp(`^/${lang}/[^#?]+#p-\\d+$`).test(citation || '')) {
          problems.push(`${url}: citation href ${JSON.stringify(citation)} is not /${lang}/SLUG#p-N`);
        }
      }
      return { problems, sentence, citation, link };
    }


    // On an /ask page: the first passage that links to a paragraph of an article
    // body (#p-N, N >= 1), as { index, href, text } (text: the quoted passage).
    async function bodyPassage(page) {
      return page.evaluate(() => {
        const items = [...document.querySelectorAll('section.passages li')];
        for (const [index, li] of items.entries()) {
          const a = li.querySelector('a');
          const href = a?.getAttribute('href') || '';
          if (/#p-[1-9]\d*$/.test(href)) {
            const text = li.textContent.slice(li.textContent.indexOf(a.textContent) + a.textContent.length)
              .replace(/^\s*:\s*/, '').replace(/\s+/g, ' ').trim();
            return { index, href, text };
          }
        }
        return null;
      });
    }

    // Follows a citation link and waits until the article has loaded.
    async function follow(page, link) {
      await Promise.all([
        page.waitForURL((u) => /^#p-\d+$/.test(u.hash), { timeout: ANSWER_TIMEOUT }),
        link.click(),
      ]);
      await page.waitForLoadState('load');
    }

    function assertNoProblems(problems, what) {
      assert.ok(problems.length === 0, `${what}: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    }

    // Tests 1 and 2: ask in the header form of a home page, follow the citation.
    for (const spec of [
      { name: 'en', start: '/en/', lang: 'en', dir: 'ltr', question: EN_QUESTION },
      { name: 'fa', start: '/fa/', lang: 'fa', dir: 'rtl', question: FA_QUESTION },
    ]) {
      test(`${spec.name}: ask from ${spec.start}, answer on /ask, citation opens the paragraph`, { timeout: TEST_TIMEOUT }, async (t) => {
        const problems = [];
        const visited = [];
        let answerUrl;
        let citationUrl;
        let citationUrl2;

        const context = await browser.newContext({ ...DESKTOP, colorScheme: 'light' });
        try {
          const page = await context.newPage();
          const errors = watchErrors(page, baseUrl, { ignoreAborted: isLiveAsk });
          const startUrl = baseUrl + spec.start;
          const response = await page.goto(startUrl, { waitUntil: 'networkidle' });
          assert.equal(response?.status(), 200, `GET ${startUrl} returned HTTP ${response?.status()}`);
          visited.push(startUrl);

          await askInHeader(page, spec.question);
          answerUrl = page.url();
          visited.push(answerUrl);
          t.diagnostic(`answer page: ${answerUrl}`);
          assert.equal(new URL(answerUrl).searchParams.get('q'), spec.question, `${answerUrl}: the q parameter`);

          const html = await page.evaluate(() => ({
            lang: document.documentElement.lang,
            dir: document.documentElement.dir,
          }));
          if (html.lang !== spec.lang) problems.push(`${answerUrl}: <html lang> is "${html.lang}", expected "${spec.lang}"`);
          if (html.dir !== spec.dir) problems.push(`${answerUrl}: <html dir> is "${html.dir}", expected "${spec.dir}"`);

          const answer = await answerProblems(page, { lang: spec.lang });
          problems.push(...answer.problems);
          if (spec.lang === 'fa' && answer.sentence) {
            const arabic = [...answer.sentence].filter((c) => ARABIC_LETTER.test(c)).length;
            const latin = [...answer.sentence].filter((c) => /\p{Script=Latin}/u.test(c)).length;
            if (arabic === 0 || arabic <= latin) {
              problems.push(`${answerUrl}: the answer is not in Arabic script: ${JSON.stringify(answer.sentence.slice(0, 200))}`);
            }
          }
          t.diagnostic(`answer: ${answer.sentence ?? '(none)'} — ${answer.citation ?? '(no citation)'}`);
          await screenshot(page, t, `${spec.name}-answer`);

          if (answer.link && answer.citation) {
            await follow(page, answer.link);
            citationUrl = page.url();
            visited.push(citationUrl);
            t.diagnostic(`citation: ${citationUrl}`);
            problems.push(...(await targetProblems(page, t, { lang: spec.lang, sentence: answer.sentence })));
            // The viewport, where the highlighted paragraph has been scrolled to.
            await screenshot(page, t, `${spec.name}-citation`, { fullPage: false });

            // The answer cites the short answer (#p-0); a passage in the article
            // body (#p-N, N >= 1) must be highlighted just the same.
            await page.goBack({ waitUntil: 'load' });
            const passage = await bodyPassage(page);
            if (!passage) {
              problems.push(`${answerUrl}: no passage links to an article body paragraph (#p-N with N >= 1)`);
            } else {
              await follow(page, page.locator('section.passages li').nth(passage.index).locator('a').first());
              const passageUrl = page.url();
              visited.push(passageUrl);
              t.diagnostic(`passage: ${passageUrl}`);
              problems.push(...(await targetProblems(page, t, { lang: spec.lang, sentence: passage.text })));
              await screenshot(page, t, `${spec.name}-passage`, { fullPage: false });
              citationUrl2 = passageUrl;
            }
          }
          problems.push(...errors.map((e) => `browser error (${visited.join(' → ')}): ${e}`));
        } finally {
          await context.close();
        }

        problems.push(...(await axeOnUrls(t, [answerUrl, citationUrl, citationUrl2].filter(Boolean))));
        assertNoProblems(problems, `asking ${JSON.stringify(spec.question)} from ${spec.start}`);
      });
    }

    // A table answers with a row, each cell under its column's name from
    // the header row, which is never quoted itself; the citation opens the
    // table, marked as the paragraph quoted.
    for (const spec of [
      { lang: 'en', question: 'What was the exchange rate in 2025?', columns: ['Period', 'Afghanis per US dollar (approx.)'], cell: 'about 65–72' },
      { lang: 'ps', question: 'سلام', columns: ['دري', 'پښتو'], cell: 'سلام (salām)' },
    ]) {
      test(`${spec.lang}: a table's row is quoted under its columns' names, never its header row`, { timeout: TEST_TIMEOUT }, async (t) => {
        const problems = [];
        const context = await browser.newContext({ ...DESKTOP, colorScheme: 'light' });
        try {
          const page = await context.newPage();
          const errors = watchErrors(page, baseUrl, { ignoreAborted: isLiveAsk });
          const url = `${baseUrl}/ask?lang=${spec.lang}&q=${encodeURIComponent(spec.question)}`;
          await page.goto(url, { waitUntil: 'load' });
          const answer = await answerProblems(page, { lang: spec.lang });
          problems.push(...answer.problems);
          const quotes = page.locator('section.answer blockquote.answer-sentence');
          const names = await quotes.first().locator('.cell-name').allInnerTexts();
          if (JSON.stringify(names) !== JSON.stringify(spec.columns)) {
            problems.push(`${url}: the quoted row's columns are ${JSON.stringify(names)}, expected ${JSON.stringify(spec.columns)}`);
          }
          if (!(await quotes.first().locator('.cell-name').first().isVisible())) {
            problems.push(`${url}: the columns' names are not visible`);
          }
          const header = normalizeSpace(spec.columns.join(' | '));
          for (const quoted of await quotes.locator('p').allInnerTexts()) {
            if (normalizeSpace(quoted) === header) problems.push(`${url}: the header row is quoted: ${quoted}`);
          }
          t.diagnostic(`answer: ${answer.sentence ?? '(none)'} — ${answer.citation ?? '(no citation)'}`);
          await screenshot(page, t, `table-${spec.lang}-answer`);
          if (answer.link && answer.citation) {
            await follow(page, answer.link);
            problems.push(...(await targetProblems(page, t, { lang: spec.lang, sentence: spec.cell })));
            const target = await page.evaluate(() => document.querySelector(':target')?.className ?? null);
            if (target !== 'table-wrap') problems.push(`${page.url()}: the citation's target is ${JSON.stringify(target)}, not the table`);
          }
          problems.push(...errors.map((e) => `browser error: ${e}`));
        } finally {
          await context.close();
        }
        assertNoProblems(problems, `asking ${JSON.stringify(spec.question)}`);
      });
    }

    // Test 3: answers as you type, without submitting.
    test('en: answers appear while typing in the header form', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = [];
      const startUrl = `${baseUrl}/en/`;
      const liveLink = `${HEADER_FORM} .ask-live a[href*="#p-"]`;
      let citationUrl;

      const context = await browser.newContext({ ...DESKTOP, colorScheme: 'light' });
      try {
        const page = await context.newPage();
        const errors = watchErrors(page, baseUrl, { ignoreAborted: isLiveAsk });
        const apiRequests = [];
        page.on('request', (req) => {
          if (isLiveAsk(req)) apiRequests.push(req.url());
        });
        const response = await page.goto(startUrl, { waitUntil: 'networkidle' });
        assert.equal(response?.status(), 200, `GET ${startUrl} returned HTTP ${response?.status()}`);

        const input = page.locator(`${HEADER_FORM} input[name="q"]`);
        assert.equal(await input.count(), 1, `${startUrl}: expected one header question input`);
        await input.click();
        await page.keyboard.type(LIVE_QUESTION, { delay: 40 });

        const found = await page
          .locator(liveLink)
          .first()
          .waitFor({ state: 'visible', timeout: ANSWER_TIMEOUT })
          .then(() => true, () => false);
        const live = page.locator(`${HEADER_FORM} .ask-live`);
        const liveText = normalizeSpace(await live.textContent());
        t.diagnostic(`.ask-live: ${liveText}`);
        t.diagnostic(`live requests: ${apiRequests.join(', ') || '(none)'}`);
        if (!found) {
          problems.push(
            `${startUrl}: no link to a #p- paragraph in .ask-live within ${ANSWER_TIMEOUT} ms of typing ${JSON.stringify(LIVE_QUESTION)}; it reads ${JSON.stringify(liveText)}`,
          );
        }
        if (new URL(page.url()).pathname !== '/en/') problems.push(`typing navigated away, to ${page.url()}`);
        if (!apiRequests.some((u) => new URL(u).searchParams.get('live') === '1')) {
          problems.push('no GET /api/v1/ask?live=1 request was made while typing');
        }
        if ((await live.getAttribute('aria-live')) !== 'polite') problems.push('.ask-live is not aria-live="polite"');
        await screenshot(page, t, 'en-live', { fullPage: false });

        if (found) {
          const link = page.locator(liveLink).first();
          const href = await link.getAttribute('href');
          if (!/^\/en\/[^#?]+#p-\d+$/.test(href || '')) problems.push(`live citation href ${JSON.stringify(href)} is not /en/SLUG#p-N`);
          const span = page.locator(`${HEADER_FORM} .ask-live p`).first().locator('span').first();
          const sentence = (await span.count()) > 0 ? normalizeSpace(await span.textContent()) : undefined;
          if ((await page.locator(`${HEADER_FORM} .ask-live mark`).count()) === 0) problems.push('.ask-live has no <mark>');
          await follow(page, link);
          citationUrl = page.url();
          t.diagnostic(`citation: ${citationUrl}`);
          problems.push(...(await targetProblems(page, t, { lang: 'en', sentence })));
        }
        problems.push(...errors.map((e) => `browser error (${startUrl}, typing, citation): ${e}`));
      } finally {
        await context.close();
      }

      // axe on the page with the live answers shown (same typing, CSP bypassed).
      for (const colorScheme of COLOR_SCHEMES) {
        const axeContext = await browser.newContext({ ...DESKTOP, colorScheme, bypassCSP: true });
        try {
          const page = await axeContext.newPage();
          const response = await page.goto(startUrl, { waitUntil: 'load' });
          assert.equal(response?.status(), 200, `GET ${startUrl} returned HTTP ${response?.status()}`);
          await page.locator(`${HEADER_FORM} input[name="q"]`).fill(LIVE_QUESTION);
          const shown = await page
            .locator(liveLink)
            .first()
            .waitFor({ state: 'visible', timeout: ANSWER_TIMEOUT })
            .then(() => true, () => false);
          if (!shown) problems.push(`axe (${colorScheme}): the live answer did not appear`);
          else problems.push(...(await axeProblems(page, t, `${startUrl} with live answers (${colorScheme})`)));
        } finally {
          await axeContext.close();
        }
      }
      if (citationUrl) problems.push(...(await axeOnUrls(t, [citationUrl])));
      assertNoProblems(problems, `typing ${JSON.stringify(LIVE_QUESTION)} on /en/`);
    });

    // Test 3b: the live answer's arrow points out of the text, up and to
    // the end of the line: the right on an English page, the left on a
    // Dari one.
    for (const spec of [
      { start: '/en/', question: LIVE_QUESTION, arrow: '↗' },
      { start: '/fa/', question: FA_QUESTION, arrow: '↖' },
    ]) {
      test(`${spec.start}: the live answer's arrow follows the page's direction`, { timeout: TEST_TIMEOUT }, async () => {
        const context = await browser.newContext({ ...DESKTOP, colorScheme: 'light' });
        try {
          const page = await context.newPage();
          await page.goto(baseUrl + spec.start, { waitUntil: 'networkidle' });
          await page.locator(`${HEADER_FORM} input[name="q"]`).fill(spec.question);
          const link = page.locator(`${HEADER_FORM} .ask-live a[href*="#p-"]`).first();
          await link.waitFor({ state: 'visible', timeout: ANSWER_TIMEOUT });
          const text = await link.textContent();
          assert.ok(text.startsWith(`${spec.arrow} `), `${spec.start}: the live citation reads ${JSON.stringify(text)}`);
        } finally {
          await context.close();
        }
      });
    }

    // Test 3b'': a live answer quoted from another language's article names
    // it ("from the English article «…»") with the title marked in its
    // language and direction, as the /ask page marks it: on the Pashto
    // page, the live answer gave the English title in the link's Pashto,
    // unmarked, and a Pashto voice read the English words.
    test('/ps/: a live answer from another language marks its title in that language', { timeout: TEST_TIMEOUT }, async () => {
      const context = await browser.newContext({ ...DESKTOP, colorScheme: 'light' });
      try {
        const page = await context.newPage();
        await page.goto(`${baseUrl}/ps/`, { waitUntil: 'networkidle' });
        await page.locator(`${HEADER_FORM} input[name="q"]`).fill(LIVE_QUESTION);
        const link = page.locator(`${HEADER_FORM} .ask-live a[href*="/en/afghan-currency#p-"]`).first();
        await link.waitFor({ state: 'visible', timeout: ANSWER_TIMEOUT });
        const got = await link.evaluate((a) => {
          const title = a.querySelector('bdi');
          return {
            text: a.textContent,
            hreflang: a.getAttribute('hreflang'),
            title: title && { lang: title.lang, dir: title.dir, text: title.textContent },
          };
        });
        assert.deepEqual(
          got.title,
          // Named by its question, as its heading and the /ask page name it
          // (since 7 December; its title is "What currency does Afghanistan use?").
          { lang: 'en', dir: 'ltr', text: 'What is the currency of Afghanistan, and what is it worth?' },
          `the live citation reads ${JSON.stringify(got.text)}`,
        );
        // It leads to another language's page, and says so, as the /ask
        // page's links do.
        assert.equal(got.hreflang, 'en', 'the live citation names the language it leads to');
        assert.ok(got.text.startsWith('↖ له انګلیسي مقالې «'), `the live citation reads ${JSON.stringify(got.text)}`);
      } finally {
        await context.close();
      }
    });

    // Test 3b': answers on their way when the reader empties the box (on a
    // slow connection, a second later) are for a question no longer there:
    // they are not shown. Before, they appeared under the empty box.
    test('answers that arrive after the box was emptied are not shown', { timeout: TEST_TIMEOUT }, async () => {
      const context = await browser.newContext({ ...DESKTOP, colorScheme: 'light' });
      try {
        const page = await context.newPage();
        let sent = 0;
        let answered = 0;
        await page.route((u) => u.pathname === '/api/v1/ask', async (route) => {
          sent += 1;
          await new Promise((r) => setTimeout(r, 1500));
          await route.continue();
          answered += 1;
        });
        await page.goto(`${baseUrl}/en/about`, { waitUntil: 'networkidle' });
        const input = page.locator(`${HEADER_FORM} input[name="q"]`);
        await input.fill(LIVE_QUESTION);
        const deadline = Date.now() + ANSWER_TIMEOUT;
        while (sent === 0 && Date.now() < deadline) await page.waitForTimeout(50);
        assert.ok(sent > 0, 'no answers were asked for while typing');
        await input.fill('');
        while (answered < sent && Date.now() < deadline) await page.waitForTimeout(50);
        await page.waitForTimeout(300);
        const live = normalizeSpace(await page.locator(`${HEADER_FORM} .ask-live`).textContent());
        assert.equal(live, '', 'under the emptied box');
      } finally {
        await context.close();
      }
    });

    // Test 3b'': on /ask, a new question typed in the page's box hides the
    // answer and passages of the question the page was asked, which the live
    // answers below the box now stand for; back to that question, they show
    // again. Before, both answers were on screen at once.
    test('/ask: typing another question hides the answer to the first', { timeout: TEST_TIMEOUT }, async () => {
      const context = await browser.newContext({ ...DESKTOP, colorScheme: 'light' });
      try {
        const page = await context.newPage();
        const first = 'Who governs Afghanistan?';
        await page.goto(`${baseUrl}/ask?lang=en&q=${encodeURIComponent(first)}`, { waitUntil: 'networkidle' });
        const answer = page.locator('main section.answer');
        const passages = page.locator('main section.passages');
        assert.ok(await answer.isVisible(), 'the answer to the question asked');
        const input = page.locator(`main form.ask-form input[name="q"]`);
        assert.equal(await input.inputValue(), first);
        await input.fill(LIVE_QUESTION);
        await page.locator('main form.ask-form .ask-live p').first().waitFor({ timeout: ANSWER_TIMEOUT });
        assert.ok(!(await answer.isVisible()), 'the first answer still shown beside the live one');
        if (await passages.count()) assert.ok(!(await passages.isVisible()), 'its passages still shown');
        await input.fill(first);
        await answer.waitFor({ state: 'visible', timeout: ANSWER_TIMEOUT });
        const live = normalizeSpace(await page.locator('main form.ask-form .ask-live').textContent());
        assert.equal(live, '', 'live answers left under the first question');
      } finally {
        await context.close();
      }
    });

    // Test 3c: the root page has a box per language on an English page; each
    // box speaks its own language and runs in its own direction: the example
    // in an empty Dari or Pashto box starts at the right, so a narrow box cuts
    // its end, not its beginning; the live answers say "no answer" in the
    // box's language and their arrow points out of the box's text. Before,
    // the empty boxes were left to right (dir="auto" with no text), and the
    // live answers took the page's English and its arrow.
    test('/: each box shows its example, its live answers and their arrow in its own language and direction', { timeout: TEST_TIMEOUT }, async () => {
      const context = await browser.newContext({
        viewport: { width: 375, height: 812 },
        isMobile: true,
        hasTouch: true,
      });
      try {
        const page = await context.newPage();
        const errors = watchErrors(page, baseUrl);
        await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
        const problems = [];
        for (const box of [
          { lang: 'en', dir: 'ltr', arrow: '↗', question: LIVE_QUESTION, none: 'recipe for chocolate cake', noAnswer: 'No clear answer yet' },
          { lang: 'fa', dir: 'rtl', arrow: '↖', question: FA_QUESTION, none: 'طرز تهیه کیک شکلاتی چیست', noAnswer: 'هنوز پاسخ روشنی نداریم' },
          { lang: 'ps', dir: 'rtl', arrow: '↖', question: 'افغانستان څوک اداره کوي', none: 'د شکلاټ کیک څنګه جوړیږي', noAnswer: 'تر اوسه روښانه ځواب نشته' },
        ]) {
          const form = page.locator(`form.ask-form[data-lang="${box.lang}"]`);
          const input = form.locator('input[name="q"]');
          const empty = await input.evaluate((el) => getComputedStyle(el).direction);
          if (empty !== box.dir) problems.push(`${box.lang}: the empty box runs ${empty}, not ${box.dir}`);

          await input.fill(box.none);
          const live = form.locator('.ask-live p').first();
          await live.waitFor({ state: 'visible', timeout: ANSWER_TIMEOUT });
          const said = (await live.textContent()).trim();
          if (said !== box.noAnswer) problems.push(`${box.lang}: no answer is said as ${JSON.stringify(said)}`);

          await input.fill(box.question);
          const link = form.locator('.ask-live a[href*="#p-"]').first();
          await link.waitFor({ state: 'visible', timeout: ANSWER_TIMEOUT });
          const text = await link.textContent();
          if (!text.startsWith(`${box.arrow} `)) problems.push(`${box.lang}: the live citation reads ${JSON.stringify(text)}`);
        }
        problems.push(...errors);
        assertNoProblems(problems, 'the boxes of /');
      } finally {
        await context.close();
      }
    });

    // Test 4: a question the articles do not answer.
    test('no answer: "No clear answer yet" and related articles', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = [];
      const url = baseUrl + NO_ANSWER_PATH;
      const context = await browser.newContext({ ...DESKTOP, colorScheme: 'light' });
      try {
        const page = await context.newPage();
        const errors = watchErrors(page, baseUrl, { ignoreAborted: isLiveAsk });
        const response = await page.goto(url, { waitUntil: 'networkidle' });
        assert.equal(response?.status(), 200, `GET ${url} returned HTTP ${response?.status()}`);
        const heading = page.locator('#answer-title');
        const headingText = (await heading.count()) > 0 ? normalizeSpace(await heading.innerText()) : null;
        if (headingText !== 'No clear answer yet') {
          problems.push(`${url}: answer heading is ${JSON.stringify(headingText)}, expected "No clear answer yet"`);
        } else if (!(await heading.isVisible())) {
          problems.push(`${url}: "No clear answer yet" is not visible`);
        }
        const sentences = await page.locator('blockquote.answer-sentence').count();
        if (sentences > 0) problems.push(`${url}: ${sentences} answer sentence(s) on a page without an answer`);
        const related = page.locator('section.answer ul.related a[href]');
        const relatedCount = await related.count();
        if (relatedCount === 0) {
          problems.push(`${url}: no related article link`);
        } else {
          if (!(await related.first().isVisible())) problems.push(`${url}: the first related link is not visible`);
          for (const href of await related.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
            if (!/^\/(en|fa|ps)\/[^/?#]+$/.test(href || '')) problems.push(`${url}: related link ${JSON.stringify(href)} is not an article path`);
          }
        }
        t.diagnostic(`related links: ${relatedCount}`);
        await screenshot(page, t, 'no-answer');
        problems.push(...errors.map((e) => `browser error (${url}): ${e}`));
      } finally {
        await context.close();
      }
      problems.push(...(await axeOnUrls(t, [url])));
      assertNoProblems(problems, url);
    });

    // An article not in the reader's language: the 404 links the languages it
    // is in, in the reader's language and direction, and passes axe.
    test('a missing translation links the languages the article is in, and passes axe', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = [];
      const url = `${baseUrl}/ps/girls-education`;
      const context = await browser.newContext(DESKTOP);
      try {
        const page = await context.newPage();
        const response = await page.goto(url, { waitUntil: 'load' });
        if (response?.status() !== 404) problems.push(`${url}: HTTP ${response?.status()}, expected 404`);
        if ((await page.locator('html').getAttribute('dir')) !== 'rtl') problems.push(`${url}: not right-to-left`);
        const links = await page.locator('ul.elsewhere a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        for (const want of ['/en/girls-education', '/fa/girls-education']) {
          if (!links.includes(want)) problems.push(`${url}: no link to ${want} (links: ${JSON.stringify(links)})`);
        }
        await screenshot(page, t, 'missing-translation');
      } finally {
        await context.close();
      }
      problems.push(...(await axeOnUrls(t, [[url, 404]])));
      assertNoProblems(problems, url);
    });

    // The /ask page and the paragraph highlight need no JavaScript.
    // "Did this answer your question?": a plain form under every answer. The
    // reader's Yes or No is posted without JavaScript and with it, answered
    // with a thank-you page in the reader's language and direction, which
    // passes axe. (it::wanted holds the rest: once per answer, cross-site
    // refused, the editors' list.)
    test('readers say whether an answer helped, without JavaScript, in each language', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = [];
      const asks = [
        { lang: 'en', q: EN_QUESTION, choice: 'no', thanks: 'Editors see the questions' },
        { lang: 'fa', q: FA_QUESTION, choice: 'yes', thanks: 'تشکر' },
        { lang: 'ps', q: 'په افغانستان کې څوک حکومت کوي؟', choice: 'no', thanks: 'مننه' },
      ];
      for (const javaScriptEnabled of [false, true]) {
        // axe is injected as a script: with JavaScript on, in a context with the CSP bypassed.
        const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled, bypassCSP: javaScriptEnabled });
        try {
          for (const a of asks) {
            const page = await context.newPage();
            const errors = watchErrors(page, baseUrl);
            const url = `${baseUrl}/ask?lang=${a.lang}&q=${encodeURIComponent(a.q)}`;
            const response = await page.goto(url, { waitUntil: 'load' });
            assert.equal(response?.status(), 200, `GET ${url}`);
            const form = page.locator('form.answer-feedback');
            if ((await form.count()) !== 1) {
              problems.push(`${a.lang}: the answer to ${a.q} has no Yes/No form`);
              await page.close();
              continue;
            }
            const [posted] = await Promise.all([
              page.waitForNavigation({ waitUntil: 'load' }),
              form.locator(`button[value="${a.choice}"]`).click(),
            ]);
            if (posted?.status() !== 200) problems.push(`${a.lang}: the ${a.choice} answered HTTP ${posted?.status()}`);
            const text = normalizeSpace(await page.locator('main').innerText());
            if (!text.includes(a.thanks)) problems.push(`${a.lang}: the thanks page says ${JSON.stringify(text)}`);
            const dir = await page.locator('html').getAttribute('dir');
            if (dir !== (a.lang === 'en' ? 'ltr' : 'rtl')) problems.push(`${a.lang}: thanks page dir=${dir}`);
            if (javaScriptEnabled) {
              problems.push(...(await axeProblems(page, t, `thanks page (${a.lang})`)));
              await screenshot(page, t, `feedback-${a.lang}`);
            }
            problems.push(...errors.map((e) => `browser error: ${e}`));
            await page.close();
          }
        } finally {
          await context.close();
        }
      }
      assertNoProblems(problems, 'Yes/No under an answer');
    });

    // On a phone the question beside Yes and No leaves room for one of
    // them in Dari: "Yes" stood by the question and "No" alone on the next
    // line, at the other edge. The two stand together.
    test('on a phone, Yes and No stand together on one line in each language', { timeout: TEST_TIMEOUT }, async () => {
      const problems = [];
      const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
      try {
        for (const [lang, q] of [['en', EN_QUESTION], ['fa', FA_QUESTION], ['ps', 'په افغانستان کې څوک حکومت کوي؟']]) {
          const page = await context.newPage();
          await page.goto(`${baseUrl}/ask?lang=${lang}&q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
          const boxes = await page.locator('form.answer-feedback button').evaluateAll((bs) => bs.map((b) => {
            const r = b.getBoundingClientRect();
            return { top: Math.round(r.top), left: Math.round(r.left), right: Math.round(r.right) };
          }));
          if (boxes.length !== 2) problems.push(`${lang}: ${boxes.length} buttons under the answer`);
          else if (boxes[0].top !== boxes[1].top) problems.push(`${lang}: Yes and No on different lines: ${JSON.stringify(boxes)}`);
          else if (Math.min(Math.abs(boxes[0].left - boxes[1].right), Math.abs(boxes[1].left - boxes[0].right)) > 24) {
            problems.push(`${lang}: Yes and No apart: ${JSON.stringify(boxes)}`);
          }
          await page.close();
        }
      } finally {
        await context.close();
      }
      assertNoProblems(problems, 'Yes/No on a phone');
    });

    test('asking works with JavaScript disabled', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = [];
      const startUrl = `${baseUrl}/en/`;
      const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        const errors = watchErrors(page, baseUrl);
        const response = await page.goto(startUrl, { waitUntil: 'networkidle' });
        assert.equal(response?.status(), 200, `GET ${startUrl} returned HTTP ${response?.status()}`);
        await askInHeader(page, EN_QUESTION);
        t.diagnostic(`answer page (no JavaScript): ${page.url()}`);
        const answer = await answerProblems(page, { lang: 'en' });
        problems.push(...answer.problems);
        await screenshot(page, t, 'en-answer-nojs');
        if (answer.link && answer.citation) {
          await follow(page, answer.link);
          t.diagnostic(`citation (no JavaScript): ${page.url()}`);
          problems.push(...(await targetProblems(page, t, { lang: 'en', sentence: answer.sentence })));
        }
        problems.push(...errors.map((e) => `browser error: ${e}`));
      } finally {
        await context.close();
      }
      assertNoProblems(problems, 'asking without JavaScript');
    });
  });
}
