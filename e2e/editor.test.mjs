// Browser end-to-end test of the article editor (issue 12), kept short:
// an editor logs in, writes an English article in /admin/articles/new with
// the form's own fields, presses Preview (the server renders the page, no
// script needed), then Publish, and finds the article on the public page;
// the article list, the editor, the history and the new-article page pass
// axe-core (no serious or critical violation, light and dark), as do a form
// handed back with a problem and the conflict page a second browser tab's
// save gets; the writing shows no browser error (a CSP violation is one).
// With JavaScript, text typed and never sent is offered back after the tab
// closes (kept in the browser until sent or discarded).
//
// Run: npm ci --prefix e2e && cargo build -p askaf && node --test e2e/editor.test.mjs

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  axeProblems,
  defineSuiteIfPrerequisites,
  launchChromium,
  startAskaf,
  watchErrors,
} from './lib/browser.mjs';

const EDITOR = { name: 'editor1', role: 'editor', password: 'e2e editor password' };
const SLUG = 'e2e-editor-article';

// Logs in through the form /admin/articles/new sends a new visitor to, and
// comes back to the new-article page.
async function logIn(page) {
  await page.getByLabel('Username').fill(EDITOR.name);
  await page.getByLabel('Password').fill(EDITOR.password);
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin/articles/new'), page.getByRole('button', { name: 'Log in' }).click()]);
}

defineSuiteIfPrerequisites(defineSuite, {
  skipName: 'editor browser e2e',
  failName: 'browser e2e prerequisites for the editor (ASKAF_REQUIRE_EXTERNAL=1)',
});

function defineSuite() {
  describe('The article editor in headless Chromium', { timeout: 5 * 60_000 }, () => {
    let server;
    let browser;

    before(async () => {
      server = await startAskaf({ users: [EDITOR] });
      browser = await launchChromium();
    });

    after(async () => {
      if (browser) await browser.close().catch(() => {});
      if (server) await server.stop();
    });

    test('an editor writes, previews and publishes an article; the editorial pages pass axe', { timeout: 180_000 }, async (t) => {
      const base = server.baseUrl;
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors = watchErrors(page, base);
      await page.goto(`${base}/admin/articles/new`, { waitUntil: 'load' });
      // Fields by id: several labels share words (Slug, Tags: comma-separated slugs).
      await logIn(page);

      await page.locator('#ed-slug').fill(SLUG);
      await page.locator('#ed-title').fill('How many provinces does Afghanistan have?');
      await page.locator('#ed-question').fill('How many provinces are there in Afghanistan?');
      await page.locator('#ed-summary').fill('Thirty-four provinces.');
      await page.locator('#ed-tags').fill('geography');
      await page.locator('#ed-src-t0').fill('Central Statistics Office');
      await page.locator('#ed-src-u0').fill('https://example.org/provinces');
      await page.locator('#ed-body').fill('Afghanistan is divided into thirty-four provinces, each with a governor.');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.waitForLoadState('load');
      const preview = page.locator('.preview-frame article');
      assert.match(await preview.innerText(), /thirty-four provinces, each with a governor/);

      await Promise.all([
        page.waitForURL((u) => u.pathname === `/admin/articles/en/${SLUG}/edit`),
        page.getByRole('button', { name: 'Publish', exact: true }).click(),
      ]);
      assert.match(await page.locator('.notice').innerText(), /Published/);
      await page.goto(`${base}/en/${SLUG}`, { waitUntil: 'load' });
      assert.match(await page.locator('article').innerText(), /each with a governor/);
      assert.deepEqual(errors, [], errors.join('\n'));

      const state = await context.storageState();
      const urls = ['/admin/articles', '/admin/articles/new', '/admin/media', `/admin/articles/en/${SLUG}/edit`, `/admin/articles/en/${SLUG}/history`];
      const problems = [];
      for (const colorScheme of ['light', 'dark']) {
        const axeContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme, bypassCSP: true, storageState: state });
        for (const url of urls) {
          const p = await axeContext.newPage();
          const response = await p.goto(`${base}${url}`, { waitUntil: 'load' });
          assert.equal(response?.status(), 200, url);
          problems.push(...(await axeProblems(p, t, `${url} (${colorScheme})`)));
          await p.close();
        }
        await axeContext.close();
      }
      // The pages a save can come back as: a problem (422) and a conflict (409).
      const axeContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true, storageState: state });
      const first = await axeContext.newPage();
      const second = await axeContext.newPage();
      for (const p of [first, second]) await p.goto(`${base}/admin/articles/en/${SLUG}/edit`, { waitUntil: 'load' });
      await first.locator('#ed-title').fill('');
      await Promise.all([first.waitForLoadState('load'), first.getByRole('button', { name: 'Save draft' }).click()]);
      await first.locator('#err-title').waitFor();
      problems.push(...(await axeProblems(first, t, 'a form with a problem')));
      await first.goto(`${base}/admin/articles/en/${SLUG}/edit`, { waitUntil: 'load' });
      await first.locator('#ed-body').fill('Afghanistan has thirty-four provinces.');
      await Promise.all([first.waitForURL(/notice=draft-saved/), first.getByRole('button', { name: 'Save draft' }).click()]);
      await second.locator('#ed-body').fill('A text from an older form.');
      await Promise.all([second.waitForLoadState('load'), second.getByRole('button', { name: 'Save draft' }).click()]);
      await second.locator('.conflict').waitFor();
      problems.push(...(await axeProblems(second, t, 'the conflict page')));
      await axeContext.close();
      assert.ok(problems.length === 0, problems.join('\n'));
      await context.close();
    });

    test('with JavaScript, text typed and not sent survives a closed tab', { timeout: 120_000 }, async (t) => {
      const base = server.baseUrl;
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
      try {
        const page = await context.newPage();
        const errors = watchErrors(page, base);
        await page.goto(`${base}/admin/articles/new`, { waitUntil: 'load' });
        await logIn(page);
        const body = 'A paragraph typed into the editor; the tab closes before it is saved.';
        await page.locator('#ed-title').fill('Typed, never sent');
        await page.locator('#ed-body').fill(body);
        assert.deepEqual(errors, [], errors.join('\n'));
        await page.close({ runBeforeUnload: true });

        const again = await context.newPage();
        await again.goto(`${base}/admin/articles/new`, { waitUntil: 'load' });
        assert.equal(await again.locator('#ed-body').inputValue(), '', 'the server knows nothing of it');
        const offer = again.locator('.draft-restore');
        await offer.waitFor();
        const problems = await axeProblems(again, t, 'the editor offering unsent text back');
        assert.ok(problems.length === 0, problems.join('\n'));
        await offer.getByRole('button', { name: 'Restore it' }).click();
        assert.equal(await again.locator('#ed-body').inputValue(), body);
        assert.equal(await again.locator('#ed-title').inputValue(), 'Typed, never sent');
        assert.equal(await again.locator('.draft-restore').count(), 0);

        // Still kept until sent or discarded.
        await again.reload({ waitUntil: 'load' });
        await again.locator('.draft-restore').getByRole('button', { name: 'Discard it' }).click();
        await again.reload({ waitUntil: 'load' });
        assert.equal(await again.locator('.draft-restore').count(), 0, 'discarded');
      } finally {
        await context.close();
      }
    });
  });
}
