/**
 * A real WordPress for the tests, from Debian's packages: `wordpress` (the code, in
 * /usr/share/wordpress), `mariadb-server` and PHP's command-line server. Everything lives in a
 * temporary directory this harness owns and deletes: a MariaDB data directory with its socket
 * (no TCP port at all, `--skip-networking`), the document root (links to Debian's WordPress, with
 * a wp-config.php of its own and a wp-content whose plugins folder links to the checkout's
 * `examples/wordpress/convene`), and the logs. No system service is used or needed.
 *
 * Why `php -S` and not php-fpm behind nginx: one process to start and stop, nothing to configure,
 * nothing more to install, and WordPress up in a few seconds; `PHP_CLI_SERVER_WORKERS` gives it
 * several workers, so pages and their pass requests are served side by side. It serves on
 * 127.0.0.1 only. Plain permalinks (`/?page_id=2`), so it needs no rewrite rules.
 *
 * TEST ONLY: a must-use plugin of the harness's own (`TEST_PASSES_PHP`, written into this
 * throwaway WordPress, never into the plugin) lets a page's shortcode hand out a tampered or an
 * expired pass, so the tests can show what a visitor reads when the Convene server refuses one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { Page } from 'puppeteer-core';
import { freeTcpPort } from '../../scripts/lib/livekit.mjs';
import { root } from '../../scripts/lib/workspace.mjs';

const WORDPRESS_DIR = '/usr/share/wordpress';
const PLUGIN_DIR = join(root, 'examples', 'wordpress', 'convene');
export const WORDPRESS_PACKAGES = 'wordpress mariadb-server php-cli php-mysql';

export class WordPressNotFoundError extends Error {
  constructor(missing: string[]) {
    super(
      [
        `The WordPress tests run a real WordPress, and ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing.`,
        'Install them from Debian, then run the tests again:',
        `  sudo apt-get install -y --no-install-recommends ${WORDPRESS_PACKAGES}`,
      ].join('\n'),
    );
    this.name = 'WordPressNotFoundError';
  }
}

export interface WordPressUser {
  login: string;
  password: string;
  /** The display name WordPress shows (and the pass carries). */
  name: string;
  role: 'administrator' | 'subscriber';
  id: number;
}

export interface WordPressOptions {
  /** The Convene server URL for Settings → Convene. */
  server: string;
  /** The space slug for Settings → Convene. */
  space: string;
  /** The room the room page's shortcode names. */
  room?: string;
  /** Make a signing key during set-up, as an administrator pressing "Make a signing key" would (default true). */
  makeKey?: boolean;
}

export interface RunningWordPress {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  users: { admin: WordPressUser; member: WordPressUser; secondMember: WordPressUser };
  /**
   * Pages the set-up made: one with `[convene]`, one with `[convene room="…"]`, and (test only) the
   * same room whose pass-url gives a signed-in person a tampered pass, or an expired one.
   */
  pages: { space: string; room: string; tamperedPass: string; expiredPass: string };
  /** The pass endpoint the shortcode prints as `pass-url`. */
  passUrl: string;
  /** Settings → Convene. */
  settingsUrl: string;
  /** How long WordPress took to come up, in milliseconds (database, install, plugin, users). */
  startupMs: number;
  /** What PHP and MariaDB wrote to their logs so far, for a failing test's message. */
  logs(): Promise<string>;
  stop(): Promise<void>;
}

/** Which of the needed programs and PHP extensions this machine lacks. */
function missingPieces(): string[] {
  const missing: string[] = [];
  if (!existsSync(join(WORDPRESS_DIR, 'wp-load.php'))) missing.push('wordpress');
  if (!mariadbd()) missing.push('mariadb-server');
  const php = spawnSync('php', ['-m'], { encoding: 'utf8' });
  if (php.error || php.status !== 0) missing.push('php-cli');
  else {
    const modules = php.stdout.toLowerCase();
    if (!/^mysqli$/m.test(modules)) missing.push('php-mysql');
    if (!/^sodium$/m.test(modules)) missing.push('PHP’s sodium (part of php-cli on Debian)');
  }
  return missing;
}

function mariadbd(): string | undefined {
  return ['/usr/sbin/mariadbd', '/usr/bin/mariadbd', '/usr/sbin/mysqld'].find((path) => existsSync(path));
}

/** Waits until `child` prints `text` (on stdout or stderr); fails if it exits first or takes too long. */
function waitForOutput(child: ChildProcess, text: string | RegExp, what: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => done(new Error(`${what} did not start within ${timeoutMs} ms:\n${seen.slice(-2000)}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk;
      if (typeof text === 'string' ? seen.includes(text) : text.test(seen)) done();
    };
    const onExit = (code: number | null) =>
      done(new Error(`${what} exited (${code}) before it was ready:\n${seen.slice(-2000)}`));
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

async function stopProcess(child: ChildProcess, group: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (group) process.kill(-child.pid!, signal);
      else child.kill(signal);
    } catch {
      // already gone
    }
  };
  kill('SIGTERM');
  const timer = setTimeout(() => kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const php = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The set-up script: installs WordPress, activates the plugin, sets it up, makes the users and pages. */
const SETUP_PHP = String.raw`<?php
$input = json_decode(file_get_contents($argv[1]), true);
$_SERVER['HTTP_HOST'] = $input['host'];
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
// No mail on this machine: the install's welcome mail goes nowhere.
function wp_mail() { return true; }
function wp_new_blog_notification() {}
require ABSPATH . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$admin = $input['users']['admin'];
$installed = wp_install('River Co-op', $admin['login'], $admin['login'] . '@example.test', false, '', $admin['password']);
wp_roles()->for_site();
wp_update_user(array('ID' => $installed['user_id'], 'display_name' => $admin['name'], 'first_name' => $admin['name']));
$ids = array('admin' => (int) $installed['user_id']);
foreach (array('member', 'secondMember') as $key) {
  $user = $input['users'][$key];
  $id = wp_insert_user(array(
    'user_login' => $user['login'], 'user_pass' => $user['password'], 'user_email' => $user['login'] . '@example.test',
    'display_name' => $user['name'], 'role' => $user['role'],
  ));
  if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
  $ids[$key] = $id;
}

$activated = activate_plugin('convene/convene.php');
if (is_wp_error($activated)) { fwrite(STDERR, $activated->get_error_message()); exit(1); }
update_option('convene_settings', array_merge(convene_settings(), array('server' => $input['server'], 'space' => $input['space'])));
$kid = $input['makeKey'] ? convene_rotate_key() : '';

$page = function ($title, $shortcode) {
  return get_permalink(wp_insert_post(array(
    'post_type' => 'page', 'post_status' => 'publish', 'post_title' => $title,
    'post_content' => "<!-- wp:shortcode -->\n" . $shortcode . "\n<!-- /wp:shortcode -->",
  )));
};
echo json_encode(array(
  'ids' => $ids,
  'kid' => $kid,
  'pages' => array(
    'space' => $page('Meet', '[convene]'),
    'room' => $page('Room', '[convene room="' . $input['room'] . '"]'),
    'tamperedPass' => $page('Tampered pass', '[convene room="' . $input['room'] . '" test_pass="tampered"]'),
    'expiredPass' => $page('Expired pass', '[convene room="' . $input['room'] . '" test_pass="expired"]'),
  ),
));
`;

/**
 * TEST ONLY, a must-use plugin in the harness's throwaway WordPress (never part of the Convene
 * plugin): `[convene … test_pass="tampered"]` or `test_pass="expired"` points the element's
 * pass-url at `admin-ajax.php?action=convene_test_pass&kind=…`, which takes the pass the plugin
 * signs for the signed-in person and spoils it. Tampered: its claims changed after signing (made a
 * moderator), the signature kept. Expired: signed again with the site's own key, issued 15 minutes
 * ago and expired 10 minutes ago, as a site whose clock is slow would sign it.
 */
const TEST_PASSES_PHP = String.raw`<?php
/* TEST ONLY: written by test/harness/wordpress.ts; see the comment there. */
defined('ABSPATH') || exit;

add_filter('do_shortcode_tag', function ($output, $tag, $attr) {
  if ('convene' !== $tag || !is_array($attr) || !in_array($attr['test_pass'] ?? '', array('tampered', 'expired'), true)) return $output;
  $real = 'pass-url="' . esc_url(admin_url('admin-ajax.php?action=convene_pass')) . '"';
  $test = 'pass-url="' . esc_url(admin_url('admin-ajax.php?action=convene_test_pass&kind=' . $attr['test_pass'])) . '"';
  return str_replace($real, $test, $output);
}, 10, 3);

function convene_test_pass() {
  nocache_headers();
  $user = wp_get_current_user();
  $signed = $user->exists() ? convene_sign_pass($user) : null;
  if (null === $signed) convene_send_json(array('pass' => null));
  list($header, $payload, $signature) = explode('.', $signed['pass']);
  $claims = json_decode(sodium_base642bin($payload, SODIUM_BASE64_VARIANT_URLSAFE_NO_PADDING), true);
  $flags = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE;
  if ('expired' === ($_GET['kind'] ?? '')) {
    $claims['iat'] -= 900;
    $claims['exp'] -= 900;
    list(, $secret) = convene_signing_key();
    $signing = $header . '.' . convene_base64url(wp_json_encode($claims, $flags));
    $jwt = $signing . '.' . convene_base64url(sodium_crypto_sign_detached($signing, $secret));
  } else {
    $claims['moderator'] = true;
    $jwt = $header . '.' . convene_base64url(wp_json_encode($claims, $flags)) . '.' . $signature;
  }
  convene_send_json(array('pass' => $jwt, 'expires_at' => gmdate('Y-m-d\TH:i:s\Z', $claims['exp'])));
}
add_action('wp_ajax_convene_test_pass', 'convene_test_pass');
add_action('wp_ajax_nopriv_convene_test_pass', 'convene_test_pass');
`;

/**
 * Starts MariaDB and WordPress in a temporary directory, installs WordPress and the plugin with
 * an administrator and two members, and sets Settings → Convene to `options`. Everything stops,
 * and the directory is deleted, when the test file ends.
 */
export async function startWordPress(options: WordPressOptions): Promise<RunningWordPress> {
  const missing = missingPieces();
  if (missing.length) throw new WordPressNotFoundError(missing);
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'convene-wp-'));
  const children: ChildProcess[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      for (const child of children.reverse()) await stopProcess(child, child.spawnargs.includes('-S'));
      await rm(dir, { recursive: true, force: true });
    })());
  after(stop);
  const logs: string[] = [];
  const collect = (child: ChildProcess, name: string) => {
    child.stdout?.on('data', (chunk) => logs.push(`${name}: ${chunk}`));
    child.stderr?.on('data', (chunk) => logs.push(`${name}: ${chunk}`));
  };

  try {
    // MariaDB: its own data directory and socket, nothing on TCP. No grant tables: the socket is
    // in a directory only this user can enter, and this database is thrown away at the end.
    const socket = join(dir, 'mysql.sock');
    await mkdir(join(dir, 'db'));
    await writeFile(join(dir, 'init.sql'), 'CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4;\n');
    const asRoot = process.getuid?.() === 0;
    const db = spawn(
      mariadbd()!,
      [
        '--no-defaults',
        `--datadir=${join(dir, 'db')}`,
        `--socket=${socket}`,
        `--pid-file=${join(dir, 'mysql.pid')}`,
        '--skip-networking',
        '--skip-grant-tables',
        `--init-file=${join(dir, 'init.sql')}`,
        '--skip-log-bin',
        '--innodb-buffer-pool-size=32M',
        '--innodb-log-file-size=8M',
        '--innodb-flush-log-at-trx-commit=0',
        // MariaDB refuses to run as root unless told to.
        ...(asRoot ? ['--user=root'] : []),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(db);
    const dbReady = waitForOutput(db, 'ready for connections', 'MariaDB');
    collect(db, 'mariadb');

    // The document root: Debian's WordPress, linked, with our own wp-config.php and wp-content.
    const port = await freeTcpPort();
    const url = `http://127.0.0.1:${port}`;
    const docroot = join(dir, 'root');
    const content = join(docroot, 'wp-content');
    await mkdir(join(content, 'plugins'), { recursive: true });
    await mkdir(join(content, 'mu-plugins'));
    await writeFile(join(content, 'mu-plugins', 'convene-test-only-passes.php'), TEST_PASSES_PHP);
    for (const entry of await readdir(WORDPRESS_DIR)) {
      if (['wp-config.php', 'wp-content', '.htaccess'].includes(entry)) continue;
      await symlink(join(WORDPRESS_DIR, entry), join(docroot, entry));
    }
    await symlink(join(WORDPRESS_DIR, 'wp-content', 'themes'), join(content, 'themes'));
    await symlink(join(WORDPRESS_DIR, 'wp-content', 'languages'), join(content, 'languages'));
    await symlink(PLUGIN_DIR, join(content, 'plugins', 'convene'));
    const salts = ['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE']
      .flatMap((name) => [`${name}_KEY`, `${name}_SALT`])
      .map((name) => `define(${php(name)}, ${php(randomUUID())});`);
    await writeFile(
      join(docroot, 'wp-config.php'),
      [
        '<?php',
        `define('DB_NAME', 'wordpress');`,
        `define('DB_USER', 'wordpress');`,
        `define('DB_PASSWORD', '');`,
        `define('DB_HOST', ${php(`localhost:${socket}`)});`,
        `define('DB_CHARSET', 'utf8mb4');`,
        `define('DB_COLLATE', '');`,
        ...salts,
        `$table_prefix = 'wp_';`,
        `define('WP_HOME', ${php(url)});`,
        `define('WP_SITEURL', ${php(url)});`,
        `define('WP_CONTENT_DIR', ${php(content)});`,
        `define('WP_CONTENT_URL', ${php(`${url}/wp-content`)});`,
        // Nothing from the outside world: no cron requests, no update checks.
        `define('DISABLE_WP_CRON', true);`,
        `define('AUTOMATIC_UPDATER_DISABLED', true);`,
        `define('WP_AUTO_UPDATE_CORE', false);`,
        `define('WP_HTTP_BLOCK_EXTERNAL', true);`,
        // Errors go to php.log; WordPress 6.1 on PHP 8.2 would fill it with deprecation notices.
        `define('WP_DEBUG', false);`,
        `require_once ABSPATH . 'wp-settings.php';`,
        '',
      ].join('\n'),
    );
    // Debian's files find wp-config.php through ABSPATH (theirs would read /etc/wordpress): point it here.
    const prepend = join(dir, 'prepend.php');
    await writeFile(prepend, `<?php\nif (!defined('ABSPATH')) define('ABSPATH', ${php(`${docroot}/`)});\n`);
    const phpArgs = [
      '-d',
      `auto_prepend_file=${prepend}`,
      '-d',
      'display_errors=0',
      '-d',
      'error_reporting=E_ALL & ~E_DEPRECATED',
      '-d',
      'log_errors=1',
      '-d',
      `error_log=${join(dir, 'php.log')}`,
      '-d',
      'opcache.enable_cli=1',
    ];

    const users: RunningWordPress['users'] = {
      admin: { login: 'ada', password: randomUUID(), name: 'Ada Admin', role: 'administrator', id: 0 },
      member: { login: 'mia', password: randomUUID(), name: 'Mia Member', role: 'subscriber', id: 0 },
      secondMember: { login: 'sam', password: randomUUID(), name: 'Sam Second', role: 'subscriber', id: 0 },
    };
    await dbReady;
    const input = join(dir, 'setup.json');
    await writeFile(
      input,
      JSON.stringify({
        host: `127.0.0.1:${port}`,
        users,
        server: options.server,
        space: options.space,
        room: options.room ?? 'lobby',
        makeKey: options.makeKey ?? true,
      }),
    );
    await writeFile(join(dir, 'setup.php'), SETUP_PHP);
    const setup = spawnSync('php', [...phpArgs, join(dir, 'setup.php'), input], { encoding: 'utf8', cwd: dir });
    if (setup.status !== 0)
      throw new Error(`setting WordPress up failed (${setup.status}):\n${setup.stderr}${setup.stdout}`);
    const result = JSON.parse(setup.stdout.slice(setup.stdout.indexOf('{'))) as {
      ids: Record<keyof RunningWordPress['users'], number>;
      pages: RunningWordPress['pages'];
    };
    for (const key of Object.keys(users) as (keyof RunningWordPress['users'])[]) users[key].id = result.ids[key];

    const server = spawn('php', [...phpArgs, '-S', `127.0.0.1:${port}`, '-t', docroot], {
      cwd: docroot,
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.push(server);
    await waitForOutput(server, `(${url}) started`, 'PHP’s web server');
    // Its access log names URLs (never a pass: passes are only ever in response bodies); kept for failures.
    collect(server, 'php');

    return {
      url,
      users,
      pages: result.pages,
      passUrl: `${url}/wp-admin/admin-ajax.php?action=convene_pass`,
      settingsUrl: `${url}/wp-admin/options-general.php?page=convene`,
      startupMs: Date.now() - started,
      async logs() {
        const files = await Promise.all(['php.log'].map((name) => readFile(join(dir, name), 'utf8').catch(() => '')));
        return [...logs, ...files].join('');
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Fills WordPress's login form on `page` (already on wp-login.php) as `user` and submits it.
 *
 * wp-login.php moves the focus to the user-name field and selects its text 200 ms after it loads
 * (`wp_attempt_focus`). Typed before that, the rest of the password lands in the user-name field
 * and signing in fails now and then: so the form is filled once the page's own focus has happened.
 */
export async function submitLogin(page: Page, user: WordPressUser): Promise<void> {
  await page
    .waitForFunction(() => document.activeElement?.id === 'user_login', { timeout: 2_000 })
    .catch(() => undefined); // a site that switches the autofocus off: nothing to wait for
  await page.locator('#user_login').fill(user.login);
  await page.locator('#user_pass').fill(user.password);
  await Promise.all([page.waitForNavigation(), page.locator('#wp-submit').click()]);
}

/** Signs `user` in through WordPress's own login form, as a person would. */
export async function signIn(page: Page, wordpress: RunningWordPress, user: WordPressUser): Promise<void> {
  await page.goto(`${wordpress.url}/wp-login.php`);
  await submitLogin(page, user);
  const cookies = await page.browserContext().cookies();
  if (!cookies.some((cookie) => cookie.name.startsWith('wordpress_logged_in_'))) {
    throw new Error(`${user.login} could not sign in to WordPress: ${await page.$eval('body', (b) => b.innerText)}`);
  }
}
