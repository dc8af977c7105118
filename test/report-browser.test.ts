// The --report page in a real headless browser (Debian's chromium driven by playwright-core): it renders
// offline, the rule filter works, and a screenshot is kept under test-artifacts/ for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeTree, repoRoot, runCli } from './helpers/cli.js';

function findChromium(): string | undefined {
  const candidates = [process.env.LOOPMIGRATE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const onPath = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).stdout.trim();
  return [...candidates, onPath].find((c): c is string => Boolean(c) && existsSync(c as string));
}

const executablePath = findChromium();
const required = process.env.LOOPMIGRATE_BROWSER === 'required';
if (!executablePath && !required) {
  process.stderr.write('report browser test skipped: no chromium found (run scripts/install-browser.sh; LOOPMIGRATE_BROWSER=required makes this a failure)\n');
}

const LEGACY = `import asyncio


async def fetch():
    """Fetch it."""  # a comment
    loop = asyncio.get_event_loop()
    return loop


def main():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(fetch())
    loop.close()


if __name__ == "__main__":
    main()
`;
const ONLY_LM101 = `import asyncio


async def tick(n=3):
    return asyncio.get_event_loop().time() + n
`;

describe.skipIf(!executablePath && !required)('--report in a browser', () => {
  it('renders offline, filters by rule, and is saved as a screenshot', async () => {
    expect(executablePath, 'chromium (LOOPMIGRATE_BROWSER=required)').toBeDefined();
    const dir = makeTree({ 'app/a.py': LEGACY, 'app/jobs/b.py': LEGACY, 'c.py': ONLY_LM101 });
    const cli = runCli(['--dry-run', '--report', 'review.html'], { cwd: dir });
    expect(cli.stderr).toContain('wrote the review page');

    const context = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-chromium-')), {
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const foreign: string[] = [];
      const problems: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) foreign.push(r.url());
      });
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(pathToFileURL(path.join(dir, 'review.html')).href);

      await expect(page.title()).resolves.toBe('loopmigrate review');
      expect(await page.locator('.bar').count()).toBe(2 + 3);
      const widths = await page.locator('.charts section:first-child .fill').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
      expect(widths.every((w) => w > 0)).toBe(true);
      expect(
        await page
          .locator('.k')
          .first()
          .evaluate((e) => getComputedStyle(e).color),
      ).not.toBe(
        await page
          .locator('td.src')
          .first()
          .evaluate((e) => getComputedStyle(e).color),
      );

      const visible = () => page.locator('table.hunk:visible').count();
      const all = await visible();
      expect(all).toBeGreaterThanOrEqual(3);
      await page.selectOption('#rule-filter', 'LM102');
      const lm102 = await visible();
      expect(lm102).toBeGreaterThan(0);
      expect(lm102).toBeLessThan(all);
      expect(await page.locator('section.file:visible').count()).toBe(2);
      expect(await page.locator('li[data-rules="LM101"]:visible').count()).toBe(0);
      await expect(page.locator('#shown').textContent()).resolves.toBe(`${lm102} changes in 2 files shown`);
      await page.locator('.bar[data-rule="LM101"]').click();
      expect(await page.inputValue('#rule-filter')).toBe('LM101');
      expect(await page.locator('section.file:visible').count()).toBe(3);
      await page.selectOption('#rule-filter', '');
      expect(await visible()).toBe(all);

      const artifacts = path.join(repoRoot, 'test-artifacts');
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: path.join(artifacts, 'report.png'), fullPage: true });
      expect(foreign).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
