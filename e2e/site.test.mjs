// Browser end-to-end tests for AskAfghanistan.
//
// Starts the real `askaf` binary (env ASKAF_BIN, default <repo>/target/debug/askaf)
// on a free port with a fresh data directory, then drives Debian's headless
// Chromium through playwright-core:
//   - the home page, one English and one Dari article (found through the JSON API),
//     each at a desktop viewport, a 375px phone viewport and in dark mode:
//     HTTP 200, <html lang/dir>, computed direction of <main>, a full-page
//     screenshot (e2e/screenshots/), axe-core with no serious/critical violation,
//     and no error in the browser console (CSP violations included);
//   - article pages: paragraph anchor #p-1, rendered Arabic-script text on the Dari page;
//   - the same pages with JavaScript disabled: article body and "Cite this" visible.
//
// Run: npm ci --prefix e2e && node --test e2e/site.test.mjs
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
  launchChromium,
  slugify,
  startAskaf,
  watchErrors,
} from './lib/browser.mjs';

const TEST_TIMEOUT = 180_000;

const VARIANTS = [
  { name: 'desktop', options: { viewport: { width: 1280, height: 800 }, colorScheme: 'light' } },
  {
    name: 'phone',
    options: {
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      colorScheme: 'light',
    },
  },
  { name: 'desktop-dark', options: { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' } },
];

defineSuiteIfPrerequisites(defineSuite, {
  skipName: 'browser e2e',
  failName: 'browser e2e prerequisites (ASKAF_REQUIRE_EXTERNAL=1)',
});

function defineSuite() {
  describe('AskAfghanistan in headless Chromium', { timeout: 15 * 60_000 }, () => {
    let server;
    let browser;
    let baseUrl;
    const articleUrls = {};
    const articleTags = {};

    before(async () => {
      server = await startAskaf();
      baseUrl = server.baseUrl;

      for (const lang of ['en', 'fa']) {
        const apiUrl = `${baseUrl}/api/v1/articles?lang=${lang}`;
        const res = await fetch(apiUrl);
        assert.equal(res.status, 200, `GET ${apiUrl} returned HTTP ${res.status}`);
        const body = await res.json();
        assert.ok(
          body && Array.isArray(body.articles),
          `GET ${apiUrl}: no "articles" array in ${JSON.stringify(body).slice(0, 300)}`,
        );
        const article = body.articles.find((a) => a.lang === lang && typeof a.url === 'string');
        assert.ok(article, `GET ${apiUrl}: no article with lang "${lang}" and a url`);
        // The url may be relative ("/fa/slug") or absolute; only its path is used,
        // on the server under test.
        const articlePath = new URL(article.url, `${baseUrl}/`).pathname;
        assert.ok(articlePath.startsWith(`/${lang}/`), `article url ${article.url} is not under /${lang}/`);
        articleUrls[lang] = articlePath;
        articleTags[lang] = Array.isArray(article.tags) ? article.tags[0] : undefined;
      }

      browser = await launchChromium();
    });

    after(async () => {
      if (browser) await browser.close().catch(() => {});
      if (server) await server.stop();
    });

    // The pages the brief names are checked in every variant; a few more pages
    // (Pashto home, about, a tag page) at the desktop size only, to keep it quick.
    const PAGES = [
      // The root leads to each language, each part in its own language and direction.
      { name: 'root', url: () => '/', lang: 'en', dir: 'ltr' },
      { name: 'en-home', url: () => '/en/', lang: 'en', dir: 'ltr', only: ['desktop'] },
      { name: 'fa-home', url: () => '/fa/', lang: 'fa', dir: 'rtl', only: ['desktop'] },
      { name: 'en-article', url: () => articleUrls.en, lang: 'en', dir: 'ltr', article: true },
      { name: 'fa-article', url: () => articleUrls.fa, lang: 'fa', dir: 'rtl', article: true },
      { name: 'ps-home', url: () => '/ps/', lang: 'ps', dir: 'rtl', only: ['desktop'] },
      { name: 'en-about', url: () => '/en/about', lang: 'en', dir: 'ltr', only: ['desktop'] },
      { name: 'fa-about', url: () => '/fa/about', lang: 'fa', dir: 'rtl', only: ['desktop'] },
      {
        name: 'en-tag',
        url: () => `/en/tags/${encodeURIComponent(articleTags.en ?? 'missing-tag')}`,
        lang: 'en',
        dir: 'ltr',
        only: ['desktop'],
      },
    ];

    for (const pageSpec of PAGES) {
      for (const variant of VARIANTS.filter((v) => !pageSpec.only || pageSpec.only.includes(v.name))) {
        test(`${pageSpec.name} (${variant.name})`, { timeout: TEST_TIMEOUT }, async (t) => {
          if (pageSpec.name === 'en-tag') {
            assert.ok(articleTags.en, `the API gave no "tags" for the English article ${articleUrls.en}`);
          }
          const url = baseUrl + pageSpec.url();
          t.diagnostic(`url: ${url}`);
          // Every problem found on this page is collected, so one failing run
          // reports the console errors, the layout checks and the axe result together.
          const problems = [];

          // 1. The page as a visitor gets it, with the site's CSP enforced.
          const context = await browser.newContext({ ...variant.options });
          try {
            const page = await context.newPage();
            const errors = watchErrors(page, baseUrl);
            const response = await page.goto(url, { waitUntil: 'networkidle' });
            assert.ok(response, `no response for ${url}`);
            assert.equal(response.status(), 200, `GET ${url} returned HTTP ${response.status()}`);

            const info = await page.evaluate(async () => {
              await document.fonts.ready;
              const main = document.querySelector('main, [role="main"]');
              return {
                lang: document.documentElement.lang,
                dir: document.documentElement.dir,
                hasMain: Boolean(main),
                mainDirection: main ? getComputedStyle(main).direction : null,
                // Tap targets under 24×24 CSS px (WCAG 2.2, 2.5.8) in the
                // header and footer, where links stand alone, not in a sentence.
                smallTargets: [...document.querySelectorAll(
                  '.site-header a, .header-ask input, .header-ask button, .site-footer a',
                )]
                  .map((el) => ({ el, r: el.getBoundingClientRect() }))
                  .filter(({ r }) => r.width > 0 && (r.width < 24 || r.height < 24))
                  .map(({ el, r }) => `${el.outerHTML.slice(0, 60)} (${r.width.toFixed(1)}×${r.height.toFixed(1)})`),
                viewportWidth: document.documentElement.clientWidth,
                scrollWidth: document.documentElement.scrollWidth,
                // The widest elements that stick out of the viewport, if any.
                overflowing: [...document.querySelectorAll('body *')]
                  .map((el) => ({ el, r: el.getBoundingClientRect() }))
                  .filter(({ r }) => {
                    const width = document.documentElement.clientWidth;
                    return r.width > 0 && (r.right > width + 1 || r.left < -1);
                  })
                  .slice(0, 5)
                  .map(({ el, r }) => {
                    const id = el.id ? `#${el.id}` : '';
                    const cls = typeof el.className === 'string' && el.className.trim()
                      ? `.${el.className.trim().split(/\s+/).join('.')}`
                      : '';
                    return `${el.tagName.toLowerCase()}${id}${cls} [${Math.round(r.left)}..${Math.round(r.right)}]`;
                  }),
              };
            });
            // Nothing may make the page scroll sideways (phone layout in particular).
            if (info.scrollWidth > info.viewportWidth + 1) {
              problems.push(
                `the page is wider (${info.scrollWidth}px) than the viewport (${info.viewportWidth}px): ${info.overflowing.join(', ')}`,
              );
            }
            if (info.smallTargets.length > 0) {
              problems.push(`tap targets under 24×24 px: ${info.smallTargets.join(', ')}`);
            }
            if (info.lang !== pageSpec.lang) problems.push(`<html lang> is "${info.lang}", expected "${pageSpec.lang}"`);
            if (info.dir !== pageSpec.dir) problems.push(`<html dir> is "${info.dir}", expected "${pageSpec.dir}"`);
            if (!info.hasMain) problems.push('no <main> element');
            else if (info.mainDirection !== pageSpec.dir) {
              problems.push(`computed direction of <main> is "${info.mainDirection}", expected "${pageSpec.dir}"`);
            }

            if (pageSpec.article) {
              problems.push(...(await articleProblems(page, url, pageSpec)));
            }

            const shot = path.join(SCREENSHOTS, `${slugify(pageSpec.name)}-${variant.name}.png`);
            await page.screenshot({ path: shot, fullPage: true });
            t.diagnostic(`screenshot: ${path.relative(REPO_DIR, shot)}`);

            problems.push(...errors);
          } finally {
            await context.close();
          }

          // 2. Accessibility: axe-core, injected with the CSP bypassed.
          const axeContext = await browser.newContext({ ...variant.options, bypassCSP: true });
          try {
            const page = await axeContext.newPage();
            const response = await page.goto(url, { waitUntil: 'load' });
            assert.equal(response?.status(), 200, `GET ${url} returned HTTP ${response?.status()}`);
            problems.push(...(await axeProblems(page, t)));
          } finally {
            await axeContext.close();
          }

          assert.ok(
            problems.length === 0,
            `${url} (${variant.name}): ${problems.length} problem(s):\n- ${problems.join('\n- ')}`,
          );
        });
      }
    }

    // Each language's pages, the Ask page empty and with an answer among
    // them, and the root, whose part for each language says which it is:
    // <html lang dir>, the direction of <main>, words in another language
    // marked with theirs, and axe in the light and the dark scheme (the page
    // loaded once, its scheme switched).
    test('every language: home, about, a topic, an article and Ask pass axe, their words marked with their language', { timeout: TEST_TIMEOUT }, async (t) => {
      const questions = {
        en: 'Who governs Afghanistan?',
        fa: 'چه کسی بر افغانستان حکومت می\u200cکند؟',
        ps: 'په افغانستان کې څوک حکومت کوي؟',
      };
      // Answered with a table's row, each cell under its column's name.
      const tableQuestions = {
        en: 'What was the exchange rate in 2025?',
        fa: 'آیا مدرسه\u200cهای دینی به روی دختران باز است؟',
        ps: 'سلام',
      };
      const problems = [];
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
      const check = async (url, lang) => {
        const page = await context.newPage();
        const response = await page.goto(baseUrl + url, { waitUntil: 'load' });
        if (response?.status() !== 200) problems.push(`${url}: HTTP ${response?.status()}`);
        problems.push(...(await langProblems(page, lang, url)));
        if (url.includes('&q=') && (await page.locator('blockquote.answer-sentence').count()) === 0) {
          problems.push(`${url}: no answer quoted`);
        }
        for (const colorScheme of ['light', 'dark']) {
          await page.emulateMedia({ colorScheme });
          problems.push(...(await axeProblems(page, t, `${url} (${colorScheme})`)));
        }
        return page;
      };
      try {
        for (const lang of ['en', 'fa', 'ps']) {
          const urls = [
            `/${lang}/`,
            `/${lang}/about`,
            `/${lang}/tags/government`,
            `/${lang}/who-governs-afghanistan`,
            `/ask?lang=${lang}`,
            `/ask?lang=${lang}&q=${encodeURIComponent(questions[lang])}`,
            `/ask?lang=${lang}&q=${encodeURIComponent(tableQuestions[lang])}`,
          ];
          for (const url of urls) await (await check(url, lang)).close();
        }
        const root = await check('/', 'en');
        const parts = await root.locator('.lang-choice').evaluateAll((els) => els.map((el) => ({
          lang: el.lang,
          dir: el.dir,
          direction: getComputedStyle(el).direction,
        })));
        assert.deepEqual(parts, [
          { lang: 'en', dir: 'ltr', direction: 'ltr' },
          { lang: 'fa', dir: 'rtl', direction: 'rtl' },
          { lang: 'ps', dir: 'rtl', direction: 'rtl' },
        ], '/: each language\'s part in its language and direction');
      } finally {
        await context.close();
      }
      assert.ok(problems.length === 0, `${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    });

    // Pages not in every language, whose header links to a language they
    // are not in say so (an article, a topic, the 404 of an article in a
    // language it is not in), and an empty question's 400, titled with what
    // to do: axe finds nothing in any language, the notes read in their own.
    test('every language: an article or topic not in every language, and an empty question, pass axe', { timeout: TEST_TIMEOUT }, async (t) => {
      const problems = [];
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
      const pages = [
        ['/en/afghan-currency', 'en', 200, true],
        ['/fa/afghan-currency', 'fa', 200, true],
        ['/ps/afghan-currency', 'ps', 404, true],
        ['/en/tags/economy', 'en', 200, true],
        ['/fa/tags/economy', 'fa', 200, true],
        ['/ask?lang=en&q=', 'en', 400, false],
        ['/ask?lang=fa&q=', 'fa', 400, false],
        ['/ask?lang=ps&q=', 'ps', 400, false],
      ];
      try {
        for (const [url, lang, status, untranslated] of pages) {
          const page = await context.newPage();
          const response = await page.goto(baseUrl + url, { waitUntil: 'load' });
          if (response?.status() !== status) problems.push(`${url}: HTTP ${response?.status()}, not ${status}`);
          problems.push(...(await langProblems(page, lang, url)));
          const notes = await page.locator('.lang-switch a.untranslated').evaluateAll((links) => links.map((a) => ({
            lang: a.lang,
            // What a screen reader says: the note, inside the link, in its language.
            name: a.textContent,
            shown: a.querySelector('.visually-hidden')?.getBoundingClientRect().width ?? -1,
          })));
          if (untranslated && (notes.length === 0 || notes.some((n) => !ARABIC_LETTER.test(n.name) && n.lang !== 'en') || notes.some((n) => n.shown > 1))) {
            problems.push(`${url}: language links ${JSON.stringify(notes)}`);
          }
          if (!untranslated && notes.length !== 0) problems.push(`${url}: language links ${JSON.stringify(notes)}`);
          for (const colorScheme of ['light', 'dark']) {
            await page.emulateMedia({ colorScheme });
            problems.push(...(await axeProblems(page, t, `${url} (${colorScheme})`)));
          }
          await page.close();
        }
      } finally {
        await context.close();
      }
      assert.ok(problems.length === 0, `${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    });

    // An article of mixed scripts (its table of phrases: Dari and Pashto
    // cells with their Latin transliterations) and Ask's answer from it, in
    // each language: each run of words in another script than the page's
    // stands in a <bdi> that declares its language and direction, and the
    // browser runs it in that direction; langProblems and axe find nothing.
    // So do an article's words outside its body: its question, short
    // answer and contents, the passages' and the closest articles'
    // questions on Ask, and the questions and short answers a language's
    // home page lists (the Dari currency article's "AFN").
    test('every language: words of another script in an article and its answer are marked and isolated', { timeout: TEST_TIMEOUT }, async (t) => {
      const questions = {
        en: 'How do you say thank you in Pashto?',
        fa: 'سلام',
        ps: 'سلام',
      };
      const problems = [];
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
      try {
        for (const lang of ['en', 'fa', 'ps']) {
          for (const [url, someMarked] of [
            [`/${lang}/languages-of-afghanistan`, true],
            [`/ask?lang=${lang}&q=${encodeURIComponent(questions[lang])}`, true],
            [`/${lang}/`, lang === 'fa'],
          ]) {
            const page = await context.newPage();
            const response = await page.goto(baseUrl + url, { waitUntil: 'load' });
            if (response?.status() !== 200) problems.push(`${url}: HTTP ${response?.status()}`);
            problems.push(...(await langProblems(page, lang, url)));
            const got = await page.evaluate(() => {
              // The article's body; on Ask, the quoted sentences and the
              // passages' words, each in its article's language, which
              // may not be the page's (an answer from another language).
              const where = [...document.querySelectorAll([
                '.prose.body', 'blockquote.answer-sentence', 'section.passages li > span', 'section.passages li > .passage-table',
                'main h1', '.toc', '.short-answer', 'section.passages li > a > bdi', 'ul.related a',
                '.card-question', '.card-summary', '.topic-list',
              ].join(', '))];
              if (!document.querySelector('.prose.body, blockquote.answer-sentence, .question-list')) return { missing: true };
              const unmarked = [];
              const runs = [];
              for (const part of where) {
                const partLang = part.closest('[lang]').lang;
                // Letters of the other script: Arabic in English, Latin in Dari and Pashto.
                const foreign = partLang === 'en' ? /(?=\p{Script=Arabic})\p{L}/u : /\p{Script=Latin}/u;
                const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  if (!foreign.test(n.data) || n.parentElement.closest('code, [aria-hidden="true"]')) continue;
                  const run = n.parentElement.closest('bdi[lang]');
                  if (!run || run.lang === partLang) unmarked.push(n.data);
                }
                for (const el of part.querySelectorAll('bdi[lang]')) {
                  runs.push({
                    in: partLang,
                    lang: el.lang,
                    dir: el.dir,
                    direction: getComputedStyle(el).direction,
                    isolated: getComputedStyle(el).unicodeBidi,
                    text: el.textContent,
                  });
                }
              }
              return { unmarked, runs };
            });
            // A Latin phrase's own punctuation in brackets, `(tsanga
            // yāst?)` in a Dari table, stands at its right, as English
            // writes it, not at its left where a right-to-left line puts
            // what is outside the phrase's element.
            const astray = await page.evaluate(() => {
              const out = [];
              for (const part of document.querySelectorAll('.prose.body, blockquote.answer-sentence, section.passages li > span, section.passages li > .passage-table')) {
                const places = [];
                const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  for (let i = 0; i < n.data.length; i += 1) places.push([n, i]);
                }
                const text = places.map(([n, i]) => n.data[i]).join('');
                const rect = (k) => {
                  const range = document.createRange();
                  range.setStart(places[k][0], places[k][1]);
                  range.setEnd(places[k][0], places[k][1] + 1);
                  return range.getBoundingClientRect();
                };
                for (const m of text.matchAll(/\p{Script=Latin}[?.!:](?=[)\]»”])/gu)) {
                  const letter = rect(m.index);
                  const mark = rect(m.index + 1);
                  if (mark.left < letter.right - 1) out.push(text.slice(Math.max(0, m.index - 12), m.index + 3));
                }
              }
              return out;
            });
            for (const text of astray) problems.push(`${url}: the punctuation of ${JSON.stringify(text)} shows at the left of its words`);
            // A table among Ask's passages begins on its own line, below
            // its question's link, not after "— ¶13:" (as it did).
            const inline = await page.evaluate(() => [...document.querySelectorAll('section.passages li')]
              .filter((li) => li.querySelector('.cell-rule'))
              .map((li) => {
                const link = li.querySelector('a').getBoundingClientRect();
                const rows = li.querySelector('.passage-table');
                return rows && rows.getBoundingClientRect().top >= link.bottom - 1 ? null : li.textContent.slice(0, 80);
              })
              .filter(Boolean));
            for (const text of inline) problems.push(`${url}: a table's passage begins in its question's line: ${JSON.stringify(text)}`);
            if (got.missing) {
              problems.push(`${url}: no article body or answer`);
            } else {
              for (const text of got.unmarked) problems.push(`${url}: words of another script not in a <bdi lang>: ${JSON.stringify(text)}`);
              if (someMarked && got.runs.length === 0) problems.push(`${url}: no run of another script marked`);
              for (const r of got.runs) {
                const want = r.lang === 'en' ? 'ltr' : 'rtl';
                if (!['en', 'fa', 'ps'].includes(r.lang) || r.lang === r.in) {
                  problems.push(`${url}: ${JSON.stringify(r.text)} marked lang="${r.lang}" in ${r.in} words`);
                }
                if (r.dir !== want || r.direction !== want || r.isolated !== 'isolate') {
                  problems.push(`${url}: ${JSON.stringify(r.text)} (${r.lang}) runs dir="${r.dir}", ${r.direction}, ${r.isolated}; expected ${want}, isolated`);
                }
              }
              t.diagnostic(`${url}: ${got.runs.length} run(s) marked, e.g. ${JSON.stringify(got.runs.slice(0, 3).map((r) => `${r.lang}:${r.text}`))}`);
            }
            for (const colorScheme of ['light', 'dark']) {
              await page.emulateMedia({ colorScheme });
              problems.push(...(await axeProblems(page, t, `${url} (${colorScheme})`)));
            }
            await page.close();
          }
        }
      } finally {
        await context.close();
      }
      assert.ok(problems.length === 0, `${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    });

    test('language home pages have the right lang and dir', { timeout: TEST_TIMEOUT }, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        for (const [pathname, lang, dir] of [
          ['/en/', 'en', 'ltr'],
          ['/fa/', 'fa', 'rtl'],
          ['/ps/', 'ps', 'rtl'],
        ]) {
          const url = baseUrl + pathname;
          const page = await context.newPage();
          const errors = watchErrors(page, baseUrl);
          const response = await page.goto(url, { waitUntil: 'networkidle' });
          assert.equal(response?.status(), 200, `GET ${url} returned HTTP ${response?.status()}`);
          const got = await page.evaluate(() => {
            const main = document.querySelector('main, [role="main"]');
            return {
              lang: document.documentElement.lang,
              dir: document.documentElement.dir,
              mainDirection: main ? getComputedStyle(main).direction : null,
            };
          });
          assert.deepEqual(got, { lang, dir, mainDirection: dir }, `${url}: lang/dir/direction of <main>`);
          assert.ok(errors.length === 0, `${url}: browser errors:\n  ${errors.join('\n  ')}`);
          await page.close();
        }
      } finally {
        await context.close();
      }
    });

    // The language links in the header stand on one line: on a Dari or
    // Pashto page "English" (in the Latin font, its lines 1.6 high) stood
    // 3 px below دری and پښتو (in the Arabic font, 1.9) until 6 December.
    test('the header\'s language links share one baseline in every language', { timeout: TEST_TIMEOUT }, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const problems = [];
      try {
        const page = await context.newPage();
        for (const width of [1280, 360]) {
          await page.setViewportSize({ width, height: 800 });
          for (const pathname of ['/en/', '/fa/', '/ps/']) {
            await page.goto(baseUrl + pathname, { waitUntil: 'load' });
            // Each link's baseline: the bottom of an empty inline-block put at its end.
            const lines = await page.evaluate(() => [...document.querySelectorAll('.lang-switch a')].map((a) => {
              const mark = document.createElement('span');
              mark.style.display = 'inline-block';
              a.append(mark);
              const y = mark.getBoundingClientRect().bottom;
              mark.remove();
              return [a.textContent.trim(), Math.round(y * 10) / 10];
            }));
            const ys = lines.map(([, y]) => y);
            if (lines.length !== 3 || Math.max(...ys) - Math.min(...ys) > 0.5) {
              problems.push(`${pathname} at ${width}px: ${JSON.stringify(lines)}`);
            }
          }
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    });

    // What a printer gets (print media): the article, its sources with their
    // addresses (a title alone cannot be followed from paper) and its citation;
    // no form or button, which do nothing on paper. On the Ask page the
    // question asked stays, without its button.
    test('printed pages keep what paper can use and drop the forms', { timeout: TEST_TIMEOUT }, async () => {
      const context = await browser.newContext({ viewport: { width: 800, height: 1000 } });
      try {
        const page = await context.newPage();
        await page.emulateMedia({ media: 'print' });
        for (const lang of ['en', 'fa']) {
          const url = baseUrl + articleUrls[lang];
          const response = await page.goto(url, { waitUntil: 'networkidle' });
          assert.equal(response?.status(), 200, `GET ${url} returned HTTP ${response?.status()}`);
          const printed = await page.evaluate(() => {
            const shown = (sel) => [...document.querySelectorAll(sel)]
              .filter((el) => el.getClientRects().length > 0)
              .map((el) => el.outerHTML.slice(0, 80));
            return {
              forms: shown('form, input:not([type=hidden]), textarea, button'),
              kept: ['h1', '#p-1', '.sources', '#cite-plain'].filter((sel) => shown(sel).length === 0),
              sources: [...document.querySelectorAll('.sources a')].map((a) => ({
                href: a.getAttribute('href'),
                after: getComputedStyle(a, '::after').content,
              })),
            };
          });
          assert.deepEqual(printed.forms, [], `${url} printed: forms and buttons shown`);
          assert.deepEqual(printed.kept, [], `${url} printed: these are not shown`);
          assert.ok(printed.sources.length > 0, `${url}: no sources`);
          for (const s of printed.sources) {
            assert.ok(s.after.includes(s.href), `${url} printed: the source ${s.href} is printed as ${s.after}`);
          }
        }
        const ask = `${baseUrl}/ask?lang=fa&q=${encodeURIComponent('زبان‌های رسمی افغانستان کدام‌اند')}`;
        await page.goto(ask, { waitUntil: 'networkidle' });
        const printed = await page.evaluate(() => ({
          question: [...document.querySelectorAll('main input[name=q]')]
            .filter((el) => el.getClientRects().length > 0)
            .map((el) => el.value),
          buttons: [...document.querySelectorAll('button')]
            .filter((el) => el.getClientRects().length > 0)
            .map((el) => el.outerHTML.slice(0, 80)),
          answer: document.querySelector('.answer-sentence')?.getClientRects().length ?? 0,
        }));
        assert.deepEqual(printed.question, ['زبان‌های رسمی افغانستان کدام‌اند'], `${ask} printed: the question asked`);
        assert.deepEqual(printed.buttons, [], `${ask} printed: buttons shown`);
        assert.ok(printed.answer > 0, `${ask} printed: no answer shown`);
      } finally {
        await context.close();
      }
    });

    // On paper an article without comments ends with its translations, not
    // with a "Comments" heading over "No Comments" and a feed link, which
    // paper cannot follow (until 7 December all three were printed).
    test('a printed article shows its comments only when it has some', { timeout: TEST_TIMEOUT }, async () => {
      const context = await browser.newContext({ viewport: { width: 800, height: 1000 } });
      try {
        const page = await context.newPage();
        await page.emulateMedia({ media: 'print' });
        const printed = async (path) => {
          const response = await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
          assert.equal(response?.status(), 200, `GET ${path} returned HTTP ${response?.status()}`);
          return page.evaluate(() => {
            const shown = (sel) => [...document.querySelectorAll(sel)].filter((el) => el.getClientRects().length > 0).length;
            return {
              section: shown('#comments'),
              comments: shown('.comment-card'),
              feed: shown('a[href$="comments.atom"]'),
            };
          });
        };
        for (const lang of ['en', 'fa']) {
          const none = await printed(articleUrls[lang]);
          assert.deepEqual(none, { section: 0, comments: 0, feed: 0 }, `${articleUrls[lang]} printed with no comments`);
        }
      } finally {
        await context.close();
      }
    });

    // A reader who enlarges text to 200% on a 360 px phone reads down the
    // page, never sideways (WCAG 1.4.10, reflow). Before, the root's
    // language cards kept their 16rem minimum (512 px), and one long word
    // (the site's name in the about page's heading, "Humanitarian" in a
    // topic's, a source's address) ran past the screen's edge.
    test('text at 200% on a 360 px phone: no page scrolls sideways', { timeout: TEST_TIMEOUT }, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      const problems = [];
      try {
        const page = await context.newPage();
        for (const p of ['/', '/en/about', '/fa/about', '/ps/about', '/en/tags/humanitarian', '/en/name-flag-and-time-zone', articleUrls.fa]) {
          const url = baseUrl + p;
          const response = await page.goto(url, { waitUntil: 'load' });
          assert.equal(response?.status(), 200, `GET ${url} returned HTTP ${response?.status()}`);
          const wide = await page.evaluate(async () => {
            document.documentElement.style.fontSize = '200%';
            await document.fonts.ready;
            const width = document.documentElement.clientWidth;
            const past = [...document.querySelectorAll('main *, header *')]
              .filter((el) => el.getClientRects().length > 0)
              .filter((el) => {
                const r = el.getBoundingClientRect();
                return r.right > width + 1 || r.left < -1;
              })
              .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}">${(el.textContent || '').trim().slice(0, 40)}`);
            return { scroll: document.documentElement.scrollWidth, width, past: past.slice(0, 3) };
          });
          if (wide.scroll > wide.width) {
            problems.push(`${p}: ${wide.scroll} px wide on a ${wide.width} px screen: ${wide.past.join(' | ') || '(nothing shown past the edge)'}`);
          }
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, [], `pages wider than the phone at 200% text:\n  ${problems.join('\n  ')}`);
    });

    test('articles work with JavaScript disabled', { timeout: TEST_TIMEOUT }, async (t) => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        javaScriptEnabled: false,
      });
      try {
        for (const [lang, dir] of [
          ['en', 'ltr'],
          ['fa', 'rtl'],
        ]) {
          const url = baseUrl + articleUrls[lang];
          t.diagnostic(`url (no JavaScript): ${url}`);
          const page = await context.newPage();
          const errors = watchErrors(page, baseUrl);
          const response = await page.goto(url, { waitUntil: 'networkidle' });
          assert.equal(response?.status(), 200, `GET ${url} returned HTTP ${response?.status()}`);
          assert.equal(await page.locator('html').getAttribute('lang'), lang, `${url}: <html lang>`);
          assert.equal(await page.locator('html').getAttribute('dir'), dir, `${url}: <html dir>`);
          const problems = await articleProblems(page, url, { lang, dir, article: true });
          const shot = path.join(SCREENSHOTS, `${lang}-article-nojs.png`);
          await page.screenshot({ path: shot, fullPage: true });
          problems.push(...errors);
          assert.ok(
            problems.length === 0,
            `${url} (JavaScript disabled): ${problems.length} problem(s):\n- ${problems.join('\n- ')}`,
          );
          await page.close();
        }
      } finally {
        await context.close();
      }
    });
  });
}

// Checks shared by every article page, whether JavaScript runs or not.
// Returns the list of problems found (empty when all is well).
async function articleProblems(page, url, spec) {
  const problems = [];
  const p1 = page.locator('#p-1');
  const p1Count = await p1.count();
  if (p1Count !== 1) {
    problems.push(`expected exactly one element #p-1 (paragraph anchor), found ${p1Count}`);
  }
  let p1Text = '';
  if (p1Count > 0) {
    if (!(await p1.first().isVisible())) problems.push('#p-1 is not visible');
    p1Text = (await p1.first().innerText()).trim();
    if (p1Text.length === 0) problems.push('#p-1 has no text');
  }

  const main = page.locator('main, [role="main"]').first();
  const mainText = (await main.count()) > 0 ? (await main.innerText()).trim() : '';
  if (mainText.length < 100) {
    problems.push(`the article body (<main>) is (nearly) empty: ${JSON.stringify(mainText.slice(0, 200))}`);
  } else if (!(await main.isVisible())) {
    problems.push('the article body (<main>) is not visible');
  }

  if (spec.lang === 'fa' || spec.lang === 'ps') {
    if (p1Count > 0) {
      if (!ARABIC_LETTER.test(p1Text)) {
        problems.push(`#p-1 contains no Arabic-script letter: ${JSON.stringify(p1Text.slice(0, 200))}`);
      }
      const box = await p1.first().boundingBox();
      if (!box || box.width <= 0 || box.height <= 0) problems.push('#p-1 has no rendered size');
    }
    const h1 = page.locator('h1').first();
    if ((await h1.count()) === 0) {
      problems.push('no <h1>');
    } else {
      const title = (await h1.innerText()).trim();
      if (!ARABIC_LETTER.test(title)) {
        problems.push(`the <h1> contains no Arabic-script letter: ${JSON.stringify(title)}`);
      }
    }
  } else {
    const cite = page.getByText(/Cite this/i).first();
    if ((await cite.count()) === 0) problems.push('no "Cite this" box');
    else if (!(await cite.isVisible())) problems.push('the "Cite this" text is not visible');
    if ((await page.getByText(/no comments/i).count()) === 0) {
      problems.push('no comment count ("No Comments")');
    }
  }
  return problems;
}
