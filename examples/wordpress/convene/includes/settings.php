<?php
/**
 * The plugin's settings: the Convene server, the space, and which WordPress roles are members and
 * moderators. Stored in one option; every value is sanitised on the way in and escaped on the way out.
 *
 * @package Convene
 */

defined( 'ABSPATH' ) || exit;

const CONVENE_SETTINGS_OPTION = 'convene_settings';

/** Defaults: every role that can read (subscriber and up) is a member; administrators and editors moderate. */
function convene_default_settings() {
	$readers = array();
	foreach ( wp_roles()->roles as $role => $details ) {
		if ( ! empty( $details['capabilities']['read'] ) ) {
			$readers[] = $role;
		}
	}
	return array(
		'server'          => '',
		'space'           => '',
		'member_roles'    => $readers,
		'moderator_roles' => array( 'administrator', 'editor' ),
	);
}

/** The settings, with defaults for anything missing. */
function convene_settings() {
	$stored = get_option( CONVENE_SETTINGS_OPTION, array() );
	return array_merge( convene_default_settings(), is_array( $stored ) ? $stored : array() );
}

/** True when `$value` is a slug the Convene server accepts. */
function convene_is_slug( $value ) {
	return is_string( $value ) && 1 === preg_match( CONVENE_SLUG_PATTERN, $value );
}

/** The server URL without a trailing slash, http or https only; '' when it is not a URL. */
function convene_clean_server_url( $value ) {
	$url = esc_url_raw( trim( (string) $value ), array( 'https', 'http' ) );
	$parts = wp_parse_url( $url );
	if ( '' === $url || empty( $parts['host'] ) || isset( $parts['user'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
		return '';
	}
	return untrailingslashit( $url );
}

/** True for a URL on this machine (a test or a first try), where plain http is fine. */
function convene_is_local_url( $url ) {
	$host = wp_parse_url( $url, PHP_URL_HOST );
	return in_array( $host, array( 'localhost', '127.0.0.1', '[::1]' ), true );
}

/**
 * Sanitises the settings form. A value that does not pass keeps the stored one and says why.
 *
 * @param mixed $input What the form sent.
 */
function convene_sanitize_settings( $input ) {
	$current = convene_settings();
	$input   = is_array( $input ) ? wp_unslash( $input ) : array();
	$clean   = $current;

	$server = isset( $input['server'] ) ? trim( (string) $input['server'] ) : '';
	if ( '' === $server ) {
		$clean['server'] = '';
	} else {
		$url = convene_clean_server_url( $server );
		if ( '' === $url ) {
			add_settings_error( CONVENE_SETTINGS_OPTION, 'convene-server', __( 'The Convene server address must be a web address starting with https:// (for example https://coop.example/convene).', 'convene' ) );
		} else {
			$clean['server'] = $url;
			if ( 0 === strpos( $url, 'http://' ) && ! convene_is_local_url( $url ) ) {
				add_settings_error( CONVENE_SETTINGS_OPTION, 'convene-http', __( 'The Convene server address uses plain http: browsers will not let visitors use their camera and microphone. Use its https:// address.', 'convene' ), 'warning' );
			}
		}
	}

	$space = isset( $input['space'] ) ? sanitize_text_field( (string) $input['space'] ) : '';
	if ( '' === $space || convene_is_slug( $space ) ) {
		$clean['space'] = $space;
	} else {
		add_settings_error( CONVENE_SETTINGS_OPTION, 'convene-space', __( 'The space must be its slug as the Convene config spells it: 1–48 lowercase letters, digits and inner dashes (for example river-coop).', 'convene' ) );
	}

	$roles = array_keys( wp_roles()->roles );
	foreach ( array( 'member_roles', 'moderator_roles' ) as $key ) {
		$given         = isset( $input[ $key ] ) && is_array( $input[ $key ] ) ? array_map( 'sanitize_key', $input[ $key ] ) : array();
		$clean[ $key ] = array_values( array_intersect( $roles, $given ) );
	}
	return $clean;
}

add_action(
	'admin_init',
	static function () {
		register_setting(
			'convene',
			CONVENE_SETTINGS_OPTION,
			array(
				'type'              => 'object',
				'sanitize_callback' => 'convene_sanitize_settings',
				'show_in_rest'      => false,
				'default'           => convene_default_settings(),
			)
		);
	}
);
