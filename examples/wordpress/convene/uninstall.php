<?php
/**
 * Deleting the plugin deletes its settings and its signing keys.
 *
 * @package Convene
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'convene_settings' );
delete_option( 'convene_keys' );
