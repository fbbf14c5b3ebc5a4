<?php
/**
 * The site's Ed25519 signing keys, made with PHP's own sodium. The private key stays in this
 * site's database (an option that is never autoloaded, never in the settings form, never shown);
 * the public key, named by its key id, goes into the space's Convene config. Rotating makes a new
 * key to sign with and keeps the old public key listed (its private key is deleted at once) until
 * the administrator has taken it out of the Convene config and removes it here.
 *
 * @package Convene
 */

defined( 'ABSPATH' ) || exit;

const CONVENE_KEYS_OPTION = 'convene_keys';

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE, AlgorithmIdentifier 1.3.101.112, BIT STRING. */
const CONVENE_ED25519_SPKI_PREFIX = '302a300506032b6570032100';

/** Base64url without padding, as JOSE writes it. */
function convene_base64url( $bytes ) {
	return sodium_bin2base64( $bytes, SODIUM_BASE64_VARIANT_URLSAFE_NO_PADDING );
}

/**
 * The stored keys: `current` (the kid signing now, or '') and `keys`, kid => { public, secret?, created }.
 * Public and secret keys are stored base64-encoded; only the current key keeps its secret.
 */
function convene_keys() {
	$stored = get_option( CONVENE_KEYS_OPTION, array() );
	$keys   = is_array( $stored ) && isset( $stored['keys'] ) && is_array( $stored['keys'] ) ? $stored['keys'] : array();
	$kid    = is_array( $stored ) && isset( $stored['current'], $keys[ $stored['current'] ] ) ? $stored['current'] : '';
	return array(
		'current' => $kid,
		'keys'    => $keys,
	);
}

/** The key id: the key's JWK thumbprint (RFC 7638), so the same key always has the same id. */
function convene_key_id( $public_key ) {
	$canonical = '{"crv":"Ed25519","kty":"OKP","x":"' . convene_base64url( $public_key ) . '"}';
	return convene_base64url( hash( 'sha256', $canonical, true ) );
}

/**
 * Makes a new key pair and signs with it from now on. The key it replaces loses its private key
 * and stays listed, so the Convene config can accept both until every pass signed by the old one
 * has expired (five minutes) and the administrator removes it.
 *
 * @return string The new key id.
 */
function convene_rotate_key() {
	$pair   = sodium_crypto_sign_keypair();
	$public = sodium_crypto_sign_publickey( $pair );
	$secret = sodium_crypto_sign_secretkey( $pair );
	sodium_memzero( $pair );
	$kid   = convene_key_id( $public );
	$state = convene_keys();
	foreach ( $state['keys'] as $old => $key ) {
		unset( $state['keys'][ $old ]['secret'] );
	}
	$state['keys'][ $kid ] = array(
		'public'  => base64_encode( $public ),
		'secret'  => base64_encode( $secret ),
		'created' => time(),
	);
	sodium_memzero( $secret );
	$state['current'] = $kid;
	update_option( CONVENE_KEYS_OPTION, $state, false );
	return $kid;
}

/**
 * Removes a key that no longer signs (the current one cannot be removed, only rotated).
 *
 * @param string $kid The key id.
 * @return bool Whether a key was removed.
 */
function convene_remove_key( $kid ) {
	$state = convene_keys();
	if ( $kid === $state['current'] || ! isset( $state['keys'][ $kid ] ) ) {
		return false;
	}
	unset( $state['keys'][ $kid ] );
	update_option( CONVENE_KEYS_OPTION, $state, false );
	return true;
}

/** The key that signs passes: [ kid, 64-byte secret key ], or null when none has been made. */
function convene_signing_key() {
	$state = convene_keys();
	if ( '' === $state['current'] || empty( $state['keys'][ $state['current'] ]['secret'] ) ) {
		return null;
	}
	$secret = base64_decode( $state['keys'][ $state['current'] ]['secret'], true );
	if ( false === $secret || SODIUM_CRYPTO_SIGN_SECRETKEYBYTES !== strlen( $secret ) ) {
		return null;
	}
	return array( $state['current'], $secret );
}

/**
 * A public key in the forms the Convene config takes.
 *
 * @param string $kid The key id.
 * @param string $public_b64 The stored (base64) public key.
 * @return array{kid: string, jwk: array, jwk_json: string, pem: string}
 */
function convene_public_forms( $kid, $public_b64 ) {
	$public = base64_decode( $public_b64, true );
	$jwk    = array(
		'kty' => 'OKP',
		'crv' => 'Ed25519',
		'x'   => convene_base64url( (string) $public ),
		'kid' => $kid,
		'alg' => 'EdDSA',
		'use' => 'sig',
	);
	$der = hex2bin( CONVENE_ED25519_SPKI_PREFIX ) . $public;
	$pem = "-----BEGIN PUBLIC KEY-----\n" . chunk_split( base64_encode( $der ), 64, "\n" ) . "-----END PUBLIC KEY-----\n";
	return array(
		'kid'      => $kid,
		'jwk'      => $jwk,
		'jwk_json' => wp_json_encode( $jwk, JSON_UNESCAPED_SLASHES ),
		'pem'      => $pem,
	);
}

/** Every listed public key as a JWK Set (RFC 7517), newest first. */
function convene_jwks() {
	$state = convene_keys();
	$keys  = $state['keys'];
	uasort(
		$keys,
		static function ( $a, $b ) {
			return (int) $b['created'] <=> (int) $a['created'];
		}
	);
	$out = array();
	foreach ( $keys as $kid => $key ) {
		$out[] = convene_public_forms( (string) $kid, $key['public'] )['jwk'];
	}
	return array( 'keys' => $out );
}
