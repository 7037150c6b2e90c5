// Shared pieces for the browser tests (site, ask and comments .test.mjs) that drive
// Debian's headless Chromium: the paths and environment they read, the
// prerequisite rule (skip, or fail with ASKAF_REQUIRE_EXTERNAL=1), starting askaf
// and Chromium, the browser-error watcher and axe-core (injected into a page
// whose context was created with bypassCSP: true).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from './server.mjs';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = path.resolve(E2E_DIR, '..');
export const CHROMIUM = process.env.ASKAF_CHROMIUM || '/usr/bin/chromium';
export const NODE_MODULES = path.join(E2E_DIR, 'node_modules');
export const AXE_PATH = path.join(NODE_MODULES, 'axe-core', 'axe.min.js');
export const SCREENSHOTS = path.join(E2E_DIR, 'screenshots');
export const ASKAF_BIN = process.env.ASKAF_BIN || path.join(REPO_DIR, 'target', 'debug', 'askaf');
export const REQUIRE_EXTERNAL = process.env.ASKAF_REQUIRE_EXTERNAL === '1';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Letters of the Arabic script (Dari and Pashto are written in it).
export const ARABIC_LETTER = /\p{Script=Arabic}/u;

/** Text with runs of whitespace made one space, as a reader sees it. */
export function normalizeSpace(s) {
  return (s || '').replace(/\s+/g, ' ').trim();
}

/** What is missing to run the browser tests (empty when everything is there). */
export function missingPrerequisites() {
  const missing = [];
  if (!existsSync(CHROMIUM)) {
    missing.push(`${CHROMIUM} is missing (install Debian's chromium: apt-get install chromium)`);
  }
  if (
    !existsSync(path.join(NODE_MODULES, 'playwright-core', 'package.json')) ||
    !existsSync(AXE_PATH)
  ) {
    missing.push(`${NODE_MODULES} is missing or incomplete (run: npm ci --prefix e2e)`);
  }
  return missing;
}

/**
 * Defines a browser test suite if its prerequisites are there. If they are not,
 * defines one test instead that is skipped with a message saying what is
 * missing, or, with ASKAF_REQUIRE_EXTERNAL=1, fails with that message.
 *
 * @param {() => void} defineSuite defines the suite's tests (describe, test, ...)
 * @param {object} names of the test that stands in for the suite
 * @param {string} names.skipName when it is skipped
 * @param {string} names.failName when it fails (ASKAF_REQUIRE_EXTERNAL=1)
 */
export function defineSuiteIfPrerequisites(defineSuite, { skipName, failName }) {
  const missing = missingPrerequisites();
  if (missing.length === 0) {
    defineSuite();
    return;
  }
  const message = `browser tests cannot run: ${missing.join('; ')}`;
  if (REQUIRE_EXTERNAL) {
    test(failName, () => {
      assert.fail(message);
    });
  } else {
    process.stderr.write(`SKIPPED: ${message}\n`);
    test(skipName, { skip: message }, () => {});
  }
}

/**
 * Starts the askaf binary (ASKAF_BIN) on a free port with a fresh data
 * directory, after making sure the screenshot directory exists.
 *
 * @param {object} [opts]
 * @param {string[]} [opts.extraArgs] extra arguments for `askaf serve`
 * @param {{name: string, role: string, password: string}[]} [opts.users]
 *   accounts created with `askaf user add` before the server starts
 * @returns {ReturnType<typeof startServer>} the server (baseUrl, stop)
 */
export async function startAskaf({ extraArgs = [], users = [], prepare, dataDir } = {}) {
  if (!existsSync(ASKAF_BIN)) {
    throw new Error(
      `askaf binary not found at ${ASKAF_BIN}: run \`cargo build -p askaf\` or set ASKAF_BIN`,
    );
  }
  await mkdir(SCREENSHOTS, { recursive: true });
  return startServer({ bin: ASKAF_BIN, extraArgs, users, prepare, dataDir });
}

/**
 * Launches Debian's Chromium (ASKAF_CHROMIUM) headless with CHROMIUM_ARGS.
 *
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Collects everything that counts as a browser error on a page: console errors
 * (a CSP violation is one), uncaught exceptions and failed same-origin loads.
 *
 * @param {import('playwright-core').Page} page
 * @param {string} baseUrl
 * @param {object} [opts]
 * @param {(req: import('playwright-core').Request) => boolean} [opts.ignoreAborted]
 *   requests for which a `net::ERR_ABORTED` failure is expected (for example a
 *   fetch the page cancelled by navigating away) and is not an error
 * @returns {string[]} the list, filled in as events arrive
 */
export function watchErrors(page, baseUrl, { ignoreAborted } = {}) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      const where = loc && loc.url ? ` (at ${loc.url}${loc.lineNumber ? `:${loc.lineNumber}` : ''})` : '';
      errors.push(`console error: ${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`uncaught exception: ${err.message}`));
  page.on('requestfailed', (req) => {
    if (req.url().startsWith(baseUrl)) {
      const failure = req.failure()?.errorText;
      if (failure === 'net::ERR_ABORTED' && ignoreAborted && ignoreAborted(req)) return;
      // Chromium fetches the page's icon after \`load\`, on its own; a click
      // that navigates away at once cancels it, which is no fault of the page.
      if (failure === 'net::ERR_ABORTED' && new URL(req.url()).pathname === '/static/icon.svg') return;
      errors.push(`request failed: ${req.method()} ${req.url()}: ${failure}`);
    }
  });
  page.on('response', (res) => {
    if (res.url().startsWith(baseUrl) && res.status() >= 400) {
      errors.push(`HTTP ${res.status()} for ${res.request().resourceType()} ${res.url()}`);
    }
  });
  return errors;
}

/**
 * Pages opened with a timeout and their browser errors watched
 * (watchErrors), and the check that fails a test with every error seen on
 * any of them since the last check.
 *
 * @param {() => string} baseUrl the server's address, once it is known
 * @param {number} timeout the pages' default timeout, in milliseconds
 * @returns {{
 *   newPage: (context: import('playwright-core').BrowserContext) => Promise<import('playwright-core').Page>,
 *   assertNoBrowserErrors: (what: string) => void,
 * }}
 */
export function watchedPages(baseUrl, timeout) {
  const watched = [];
  return {
    async newPage(context) {
      const page = await context.newPage();
      page.setDefaultTimeout(timeout);
      watched.push(watchErrors(page, baseUrl()));
      return page;
    },
    assertNoBrowserErrors(what) {
      const seen = watched.flatMap((list) => list.splice(0));
      assert.ok(seen.length === 0, `${what}: browser errors:\n  ${seen.join('\n  ')}`);
    },
  };
}

export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => {
          const summary = (n.failureSummary || '').replace(/\s+/g, ' ').trim();
          return `      - ${n.target.join(' ')}: ${n.html.slice(0, 200)}\n        ${summary}`;
        })
        .join('\n');
      const more = v.nodes.length > 5 ? `\n      ... and ${v.nodes.length - 5} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join('\n');
}

export function slugify(s) {
  return s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'page';
}

/**
 * Injects axe-core into the page (whose context must have been created with
 * bypassCSP: true, the site's CSP allows no foreign script) and runs it.
 * Moderate and minor violations are reported as test diagnostics; serious and
 * critical ones are returned as problems.
 *
 * @param {import('playwright-core').Page} page
 * @param {import('node:test').TestContext} t
 * @param {string} [label] what was checked, for the messages ("axe on LABEL: ...");
 *   without it they read "axe: ..."
 * @returns {Promise<string[]>} problems (empty when axe found nothing serious)
 */
export async function axeProblems(page, t, label) {
  const on = label ? ` on ${label}` : '';
  await page.evaluate(() => document.fonts.ready);
  await page.addScriptTag({ path: AXE_PATH });
  const axeResult = await page.evaluate(async () => {
    /* global axe */
    // WCAG 2.2's target size (2.5.8, AA) is off by default in axe.
    // resultTypes: every node of a violation is reported as before, but of
    // the rules passed (counted below), inapplicable or incomplete, one node
    // each, whose selectors axe then need not work out: no violation is lost
    // (compared on pages with and without violations) and each run takes
    // some 14% less time, of the 459 runs that took about 40% of CI's
    // browser tests (7 December).
    const r = await axe.run({ rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] });
    return {
      version: axe.version,
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target.map(String),
          html: n.html,
          failureSummary: n.failureSummary,
        })),
      })),
    };
  });
  t.diagnostic(
    `axe ${axeResult.version}${on}: ${axeResult.passes} rules passed, ${axeResult.violations.length} violated`,
  );
  const violations = axeResult.violations;
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const other = violations.filter((v) => !blocking.includes(v));
  if (other.length > 0) {
    t.diagnostic(`axe${on}, not failing (impact moderate/minor):`);
    for (const line of formatViolations(other).split('\n')) t.diagnostic(line);
  }
  if (blocking.length > 0) {
    return [`axe${on}: ${blocking.length} serious/critical violation(s):\n${formatViolations(blocking)}`];
  }
  return [];
}

/**
 * Problems with the languages of the page `page` is on, which should be in
 * `lang`: `<html lang>` and `dir` (rtl for Dari and Pashto), the computed
 * direction of `<main>`, and its parts in another language marked as such
 * (WCAG 3.1.2, Language of Parts: a screen reader reads unmarked words with
 * the page's voice). On an English page no Arabic-script letter may stand
 * outside an element that declares Dari or Pashto; on a Dari page no Pashto
 * letter outside one that declares Pashto. What readers typed, whose language
 * the site cannot tell, is exempt: where it runs in `dir="auto"` (a `<bdi>`
 * that declares no language is so by its nature), and a comment
 * in the queue that declares none (its letters are of both scripts: the site
 * declares no language rather than a wrong one).
 *
 * With `english`, on a Dari or Pashto page, no word in Latin letters (an
 * English word, a code such as `no-email`, a name such as "IP") in `<main>`
 * stands outside an element that declares its language (`lang="en"`, as
 * `reasons::english_html` marks one), but in what was typed (a `<bdi>`,
 * `dir="auto"`, a comment, a form's fields) and an address (a word with
 * `@`, `.`, `:` or `/` inside it: an email, a network, a path). With
 * `within: 'body'` as well, the words of the whole page are so checked:
 * the header and footer the layout gives every page (the brand, the
 * footer's links) besides `<main>`.
 *
 * @param {import('playwright-core').Page} page
 * @param {'en' | 'fa' | 'ps'} lang
 * @param {string} [label] what was checked, for the messages
 * @param {{english?: boolean, within?: 'main' | 'body'}} [opts]
 * @returns {Promise<string[]>} problems (empty when all is well)
 */
export async function langProblems(page, lang, label, { english = false, within = 'main' } = {}) {
  const where = label || new URL(page.url()).pathname;
  const dir = lang === 'en' ? 'ltr' : 'rtl';
  const got = await page.evaluate(([pageLang, english, within]) => {
    const main = document.querySelector('main');
    // Any Arabic-script letter (not a sign such as ؋ or a digit), or a
    // letter only Pashto writes (ټ ډ ړ ږ ښ ګ ڼ ې ۍ ځ څ).
    const foreign = pageLang === 'en' ? /(?=\p{Script=Arabic})\p{L}/u : pageLang === 'fa' ? /[\u067C\u0689\u0693\u0696\u069A\u06AB\u06BC\u06D0\u06CD\u0681\u0685]/u : null;
    const unmarked = [];
    if (foreign) {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!foreign.test(n.data)) continue;
        const el = n.parentElement;
        if (el.closest('script, style, [hidden], [aria-hidden="true"], [dir="auto"], bdi:not([lang]), .comment-body:not([lang])')) continue;
        if ((el.closest('[lang]')?.lang || pageLang) !== pageLang) continue;
        unmarked.push(el.outerHTML.slice(0, 160));
      }
    }
    const latin = [];
    if (english && pageLang !== 'en') {
      const walker = document.createTreeWalker((within === 'main' && main) || document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (el.closest('script, style, [hidden], [aria-hidden="true"], [dir="auto"], bdi, .comment-body, input, textarea, option')) continue;
        if ((el.closest('[lang]')?.lang || pageLang) !== pageLang) continue;
        const words = n.data.split(/\s+/).map((w) => w.replace(/^\p{P}+|\p{P}+$/gu, ''));
        const bare = words.filter((w) => /\p{Script=Latin}/u.test(w) && !/[@.:/]/.test(w));
        const said = `${bare.join(' ')} in ${el.outerHTML.slice(0, 160)}`;
        if (bare.length && !latin.includes(said)) latin.push(said);
      }
    }
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      main: main ? getComputedStyle(main).direction : null,
      unmarked: unmarked.slice(0, 5),
      latin: latin.slice(0, 8),
    };
  }, [lang, english, within]);
  const problems = [];
  if (got.lang !== lang) problems.push(`${where}: <html lang="${got.lang}">, expected "${lang}"`);
  if (got.dir !== dir) problems.push(`${where}: <html dir="${got.dir}">, expected "${dir}"`);
  if (got.main !== dir) problems.push(`${where}: <main> runs ${got.main}, expected ${dir}`);
  for (const html of got.unmarked) {
    problems.push(`${where}: words in another language than the page's (${lang}) without their lang: ${html}`);
  }
  for (const said of got.latin) {
    problems.push(`${where}: Latin letters on a ${lang} page not marked as English: ${said}`);
  }
  return problems;
}

/**
 * On an article opened at #p-N: the element exists, is the :target, is in the
 * viewport and looks different from a paragraph that is not the target.
 * If `sentence` is given, the target paragraph must contain it word for word.
 */
export async function targetProblems(page, t, { lang, sentence }) {
  const problems = [];
  const url = page.url();
  const u = new URL(url);
  if (!u.pathname.startsWith(`/${lang}/`)) problems.push(`${url}: the citation did not open a /${lang}/ page`);
  if (!/^#p-\d+$/.test(u.hash)) {
    problems.push(`${url}: no #p-N fragment in the URL`);
    return problems;
  }
  const id = u.hash.slice(1);
  await page.evaluate(() => document.fonts.ready);
  // The browser scrolls to the fragment while or right after loading.
  const inView = await page
    .waitForFunction(
      (targetId) => {
        const el = document.getElementById(targetId);
        if (!el) return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight &&
          r.right > 0 && r.left < window.innerWidth;
      },
      id,
      { timeout: 5_000 },
    )
    .then(() => true, () => false);
  const info = await page.evaluate((targetId) => {
    const el = document.getElementById(targetId);
    if (!el) return { exists: false };
    const style = (e) => {
      const s = getComputedStyle(e);
      return { outlineStyle: s.outlineStyle, backgroundColor: s.backgroundColor };
    };
    // A paragraph anchor of the same kind that is not the target.
    const anchors = [...document.querySelectorAll('[id^="p-"]')].filter((e) => /^p-\d+$/.test(e.id) && e !== el);
    const other = anchors.find((e) => e.tagName === el.tagName) || anchors[0];
    const r = el.getBoundingClientRect();
    return {
      exists: true,
      count: document.querySelectorAll(`[id="${targetId}"]`).length,
      targetId: document.querySelector(':target')?.id ?? null,
      tag: el.tagName.toLowerCase(),
      text: el.textContent,
      rect: { top: Math.round(r.top), bottom: Math.round(r.bottom), height: Math.round(r.height) },
      viewportHeight: window.innerHeight,
      target: style(el),
      otherId: other ? other.id : null,
      other: other ? style(other) : null,
    };
  }, id);
  if (!info.exists) {
    problems.push(`${url}: no element with id "${id}"`);
    return problems;
  }
  t.diagnostic(
    `#${id} (:target, <${info.tag}>): outline-style ${info.target.outlineStyle}, background ${info.target.backgroundColor}; ` +
      `#${info.otherId}: outline-style ${info.other?.outlineStyle}, background ${info.other?.backgroundColor}`,
  );
  if (info.count !== 1) problems.push(`${url}: ${info.count} elements with id "${id}"`);
  if (info.targetId !== id) problems.push(`${url}: :target is ${JSON.stringify(info.targetId)}, expected "${id}"`);
  if (!inView) {
    problems.push(
      `${url}: #${id} is not in the viewport (top ${info.rect.top}, bottom ${info.rect.bottom}, viewport height ${info.viewportHeight})`,
    );
  }
  if (!info.other) {
    problems.push(`${url}: no other paragraph anchor to compare the highlight of #${id} with`);
  } else if (
    info.target.outlineStyle === info.other.outlineStyle &&
    info.target.backgroundColor === info.other.backgroundColor
  ) {
    problems.push(
      `${url}: #${id} (the :target) is not highlighted: outline-style ${info.target.outlineStyle} and background ${info.target.backgroundColor}, the same as #${info.otherId}`,
    );
  }
  if (sentence && !normalizeSpace(info.text).includes(sentence)) {
    problems.push(
      `${url}: #${id} does not contain the quoted sentence ${JSON.stringify(sentence)}; it reads ${JSON.stringify(normalizeSpace(info.text).slice(0, 300))}`,
    );
  }
  return problems;
}

/**
 * Whether, in the first element `selector` matches on `page`, the
 * characters at `a` and at `b` of the text `text` (offsets into it; it must
 * lie in one text node) are drawn left to right, `a` left of `b`: what a
 * reader sees, after the browser has ordered a line's mixed directions.
 */
export async function leftOf(page, selector, text, a, b) {
  return page.locator(selector).first().evaluate((el, [text, a, b]) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.data.indexOf(text);
      if (at < 0) continue;
      const x = (i) => {
        const r = document.createRange();
        r.setStart(n, at + i);
        r.setEnd(n, at + i + 1);
        return r.getBoundingClientRect().left;
      };
      return x(a) < x(b);
    }
    throw new Error(`no text node holds ${JSON.stringify(text)}`);
  }, [text, a, b]);
}
