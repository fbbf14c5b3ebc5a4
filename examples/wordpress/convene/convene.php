<?php
/**
 * Plugin Name:       Convene
 * Description:       Live video rooms from your co-op's Convene server on your WordPress pages, with your signed-in members recognised as members and moderators.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * License:           MIT
 * Text Domain:       convene
 * Domain Path:       /languages
 *
 * @package Convene
 */

defined( 'ABSPATH' ) || exit;

define( 'CONVENE_PLUGIN_FILE', __FILE__ );

/** A space or room slug, the same rule as the Convene server's (1–48 lowercase letters, digits, inner dashes). */
const CONVENE_SLUG_PATTERN = '/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/';

/** Seconds a member pass lives: the Convene server refuses more than 600. */
const CONVENE_PASS_SECONDS = 300;

require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/keys.php';
require_once __DIR__ . '/includes/pass.php';
require_once __DIR__ . '/includes/shortcode.php';
require_once __DIR__ . '/includes/admin.php';

add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'convene', false, dirname( plugin_basename( CONVENE_PLUGIN_FILE ) ) . '/languages' );
	}
);

register_activation_hook( __FILE__, 'convene_activate' );

/** On activation: store the default settings once, so the role mapping starts as documented. */
function convene_activate() {
	if ( false === get_option( CONVENE_SETTINGS_OPTION ) ) {
		add_option( CONVENE_SETTINGS_OPTION, convene_default_settings() );
	}
}
