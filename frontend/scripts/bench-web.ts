/**
 * `make bench-web`: what a person waits for, measured in Debian's Chromium against the real
 * server (the e2e server: production settings, the built app, the demo user).
 *
 * Rows: /login's compressed JS + CSS and its largest contentful paint on a cold load; Home's
 * paint after sign-in (a reload: refresh through the cookie, then the page) and its API
 * requests. The median of RUNS fresh browser contexts. `--write` puts the table in bench/README.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';

const PORT = Number(process.env.BENCH_PORT ?? 8790);
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env.RUNS ?? 5);
const BUDGET = { loginKb: 200, lcpMs: 1000, homeRequests: 3, pageMs: 1000 };
const ROOT = join(import.meta.dirname, '..', '..');
const README = join(import.meta.dirname, '..', '..', 'bench', 'README.md');

interface Sample {
  loginKb: number;
  loginLcp: number;
  homeLcp: number;
  homeRequests: number;
  expensesMs: number;
  budgetsMs: number;
}

/** The bench user with 10,000 expenses, in the database of the server just started. */
function seedBenchUser(): void {
  const env = {
    ...process.env,
    SECRET_KEY: 'e2e-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz',
    DEBUG: 'False',
    ALLOWED_HOSTS: '127.0.0.1',
    DATABASE_URL: `sqlite:///${join(ROOT, 'frontend', '.e2e', String(PORT), 'e2e.sqlite3')}`,
    LOG_LEVEL: 'WARNING',
  };
  const python = join(ROOT, '.venv', 'bin', 'python');
  const result = spawnSync(python, [join(import.meta.dirname, 'seed_bench.py')], {
    env,
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('seeding the bench user failed');
}

/** ms from navigation start until `ready` is on screen, signed in as the 10,000-expense user. */
async function timeTo(page: Page, path: string, ready: () => Promise<void>): Promise<number> {
  await page.goto(path);
  await ready();
  return page.evaluate(() => performance.now());
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 240; i += 1) {
    try {
      if ((await fetch(`${BASE}/health/`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the server did not start');
}

/** The page's largest contentful paint so far, in ms from navigation start. */
function lcp(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]!.startTime);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      }),
  );
}

/** Compressed bytes of the scripts and stylesheets the page loaded. */
function jsCssKb(page: Page): Promise<number> {
  return page.evaluate(() => {
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const bytes = entries
      .filter((e) => /\.(js|css)(\?|$)/.test(e.name) && !e.name.includes('/sw.js'))
      .reduce((sum, e) => sum + e.encodedBodySize, 0);
    return bytes / 1024;
  });
}

async function sample(browser: Browser): Promise<Sample> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${BASE}/login`, { waitUntil: 'networkidle' });
  const loginLcp = await lcp(page);
  const loginKb = await jsCssKb(page);
  await page.getByRole('textbox', { name: 'Username or email' }).fill('demo');
  await page.getByRole('textbox', { name: 'Password' }).fill('Demo-Sphere-2026!');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('region', { name: 'Recent expenses' }).getByRole('table').waitFor();
  let homeRequests = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) homeRequests += 1;
  });
  await page.reload();
  await page.getByRole('region', { name: 'Recent expenses' }).getByRole('table').waitFor();
  await page.waitForLoadState('networkidle');
  const homeLcp = await lcp(page);
  await context.close();
  return { loginKb, loginLcp, homeLcp, homeRequests, ...(await bigUser(browser)) };
}

/** /expenses's first page and /budgets for the user with 10,000 expenses (after sign-in). */
async function bigUser(browser: Browser): Promise<Pick<Sample, 'expensesMs' | 'budgetsMs'>> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${BASE}/login`);
  await page.getByRole('textbox', { name: 'Username or email' }).fill('bench10k');
  await page.getByRole('textbox', { name: 'Password' }).fill('Bench-Pass-2026!');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  const expensesMs = await timeTo(page, `${BASE}/expenses`, () =>
    page.getByRole('table').getByRole('row').nth(1).waitFor(),
  );
  const budgetsMs = await timeTo(page, `${BASE}/budgets`, () =>
    page.getByRole('heading', { level: 1, name: 'Budgets' }).waitFor(),
  );
  await context.close();
  return { expensesMs, budgetsMs };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function table(samples: Sample[]): string {
  const m = (key: keyof Sample) => median(samples.map((s) => s[key]));
  const row = (what: string, value: string, budget: string, ok: boolean) =>
    `| ${what} | ${value} | ${budget} | ${ok ? 'met' : 'MISSED'} |`;
  return [
    `| measure (median of ${samples.length} cold loads) | value | budget | |`,
    '| --- | ---: | ---: | --- |',
    row(
      '`/login` JS + CSS, compressed',
      `${m('loginKb').toFixed(1)} kB`,
      `${BUDGET.loginKb} kB`,
      m('loginKb') <= BUDGET.loginKb,
    ),
    row(
      '`/login` largest contentful paint',
      `${m('loginLcp').toFixed(0)} ms`,
      `${BUDGET.lcpMs} ms`,
      m('loginLcp') < BUDGET.lcpMs,
    ),
    row(
      'Home largest contentful paint (demo user, reload after sign-in)',
      `${m('homeLcp').toFixed(0)} ms`,
      `${BUDGET.lcpMs} ms`,
      m('homeLcp') < BUDGET.lcpMs,
    ),
    row(
      'Home API requests',
      `${m('homeRequests')}`,
      `${BUDGET.homeRequests}`,
      m('homeRequests') <= BUDGET.homeRequests,
    ),
    row(
      '`/expenses` first page on screen (10,000 expenses, reload after sign-in)',
      `${m('expensesMs').toFixed(0)} ms`,
      `${BUDGET.pageMs} ms`,
      m('expensesMs') < BUDGET.pageMs,
    ),
    row(
      '`/budgets` on screen (same user)',
      `${m('budgetsMs').toFixed(0)} ms`,
      `${BUDGET.pageMs} ms`,
      m('budgetsMs') < BUDGET.pageMs,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const server = spawn('bash', ['e2e/server.sh'], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, E2E_PORT: String(PORT) },
    stdio: 'ignore',
    detached: true,
  });
  try {
    await waitForServer();
    seedBenchUser();
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    await sample(browser); // warm the server's caches and Chromium once, not counted
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i += 1) samples.push(await sample(browser));
    await browser.close();
    const result = table(samples);
    console.log(result);
    if (process.argv.includes('--write')) {
      const readme = readFileSync(README, 'utf8');
      const stamp = `Measured ${new Date().toISOString().slice(0, 10)} with \`make bench-web\` on this 2-core machine.`;
      writeFileSync(
        README,
        readme.replace(
          /<!-- bench-web:start -->[\s\S]*<!-- bench-web:end -->/,
          `<!-- bench-web:start -->\n${result}\n\n${stamp}\n<!-- bench-web:end -->`,
        ),
      );
    }
  } finally {
    process.kill(-server.pid!, 'SIGTERM');
  }
}

await main();
