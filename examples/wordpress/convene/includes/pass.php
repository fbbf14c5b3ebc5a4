<?php
/**
 * The member pass endpoint: `admin-ajax.php?action=convene_pass`, what the Convene elements'
 * `pass-url` fetches with the page's cookies. It answers `{"pass": "<jwt>", "expires_at": "…"}`
 * for a signed-in user and `{"pass": null}` for a visitor who is not.
 *
 * Why admin-ajax.php and not the REST API: WordPress's REST API counts cookies only with a nonce
 * (X-WP-Nonce or `_wpnonce`), which would have to be printed into the pass-url. A nonce in a URL
 * ends up in logs and Referer headers, expires after a day on a tab left open, and goes stale in
 * pages a caching plugin keeps; and the REST API echoes any Origin back in
 * Access-Control-Allow-Origin with credentials, which this route would have to undo. admin-ajax.php
 * reads the login cookie as it is and sends CORS headers only to this site's own origins, so no
 * other site's page can read a pass. The request changes nothing, so it needs no CSRF nonce: a
 * cross-site page can at most make the browser ask, never read the answer, and a request the
 * browser marks cross-site is refused outright.
 *
 * The pass is never logged and never put in a URL; the answer is never cached (`no-store`).
 *
 * @package Convene
 */

defined( 'ABSPATH' ) || exit;

add_action( 'wp_ajax_convene_pass', 'convene_pass_endpoint' );
add_action( 'wp_ajax_nopriv_convene_pass', 'convene_pass_endpoint' );
add_action( 'wp_ajax_convene_jwks', 'convene_jwks_endpoint' );
add_action( 'wp_ajax_nopriv_convene_jwks', 'convene_jwks_endpoint' );

/**
 * Sends a JSON answer and ends the request.
 *
 * @param array $body   The answer.
 * @param int   $status The HTTP status.
 */
function convene_send_json( $body, $status = 200 ) {
	status_header( $status );
	header( 'Content-Type: application/json; charset=utf-8' );
	header( 'X-Content-Type-Options: nosniff' );
	echo wp_json_encode( $body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
	exit;
}

/** Whether `$user` is a member and whether a moderator, by the roles the settings map. */
function convene_user_standing( WP_User $user ) {
	$settings  = convene_settings();
	$roles     = (array) $user->roles;
	$moderator = (bool) array_intersect( $roles, (array) $settings['moderator_roles'] ) || ( is_multisite() && is_super_admin( $user->ID ) );
	// A moderator is always a member too: moderating a members' room means being let into it.
	$member = $moderator || (bool) array_intersect( $roles, (array) $settings['member_roles'] );
	return array( $member, $moderator );
}

/** The stable identity of `$user` on the Convene server: `wp-<site host>-<user ID>`, at most 128 characters. */
function convene_subject( WP_User $user ) {
	$host = strtolower( (string) wp_parse_url( home_url(), PHP_URL_HOST ) );
	$sub  = 'wp-' . $host . '-' . $user->ID;
	return strlen( $sub ) <= 128 ? $sub : 'wp-' . substr( hash( 'sha256', $host ), 0, 32 ) . '-' . $user->ID;
}

/**
 * Signs a member pass for `$user`, or returns null when no key has been made or no space set.
 *
 * @param WP_User $user The signed-in user.
 * @return array{pass: string, expires_at: string}|null
 */
function convene_sign_pass( WP_User $user ) {
	$settings = convene_settings();
	$key      = convene_signing_key();
	if ( null === $key || ! convene_is_slug( $settings['space'] ) ) {
		return null;
	}
	list( $kid, $secret ) = $key;
	list( $member, $moderator ) = convene_user_standing( $user );
	$now    = time();
	$name   = trim( wp_strip_all_tags( $user->display_name ) );
	$claims = array(
		'sub'       => convene_subject( $user ),
		'name'      => mb_substr( '' !== $name ? $name : $user->user_login, 0, 64 ),
		'member'    => $member,
		'moderator' => $moderator,
		'aud'       => $settings['space'],
		'iss'       => home_url(),
		'iat'       => $now,
		'exp'       => $now + CONVENE_PASS_SECONDS,
		'jti'       => convene_base64url( random_bytes( 16 ) ),
	);
	$header = array(
		'alg' => 'EdDSA',
		'typ' => 'JWT',
		'kid' => $kid,
	);
	$flags   = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE;
	$signing = convene_base64url( wp_json_encode( $header, $flags ) ) . '.' . convene_base64url( wp_json_encode( $claims, $flags ) );
	$jwt     = $signing . '.' . convene_base64url( sodium_crypto_sign_detached( $signing, $secret ) );
	sodium_memzero( $secret );
	return array(
		'pass'       => $jwt,
		'expires_at' => gmdate( 'Y-m-d\TH:i:s\Z', $claims['exp'] ),
	);
}

/** `admin-ajax.php?action=convene_pass`. */
function convene_pass_endpoint() {
	// Never stored by the browser, a proxy or a caching plugin; differs per signed-in person.
	nocache_headers();
	header( 'Cache-Control: no-store, private' );
	header( 'Vary: Cookie' );
	header( 'Referrer-Policy: no-referrer' );
	header( 'X-Robots-Tag: noindex' );

	// Belt and braces beside CORS: a request the browser says comes from another site gets no pass at all.
	$fetch_site = isset( $_SERVER['HTTP_SEC_FETCH_SITE'] ) ? sanitize_key( wp_unslash( $_SERVER['HTTP_SEC_FETCH_SITE'] ) ) : '';
	if ( 'cross-site' === $fetch_site ) {
		convene_send_json(
			array(
				'pass'  => null,
				'error' => array(
					'code'    => 'pass_cross_site',
					'message' => __( 'Member passes are given only to this site’s own pages.', 'convene' ),
				),
			),
			403
		);
	}

	$user = wp_get_current_user();
	if ( ! $user->exists() ) {
		convene_send_json( array( 'pass' => null ) );
	}
	$pass = convene_sign_pass( $user );
	if ( null === $pass ) {
		convene_send_json(
			array(
				'pass'  => null,
				'error' => array(
					'code'    => 'pass_not_configured',
					'message' => __( 'This site cannot vouch for its members yet: an administrator has to set the space and make a signing key under Settings → Convene.', 'convene' ),
				),
			),
			503
		);
	}
	convene_send_json( $pass );
}

/** `admin-ajax.php?action=convene_jwks`: the public keys as a JWK Set, for a Convene config that fetches them. */
function convene_jwks_endpoint() {
	header( 'Cache-Control: public, max-age=300' );
	header_remove( 'Access-Control-Allow-Credentials' );
	header( 'Access-Control-Allow-Origin: *' );
	convene_send_json( convene_jwks() );
}
