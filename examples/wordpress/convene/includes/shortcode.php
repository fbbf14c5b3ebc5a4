<?php
/**
 * `[convene]`, `[convene space="river-coop"]`, `[convene room="lobby"]`: the space's room directory,
 * or one room, on any page or post. Prints the Convene server's `convene.js` once per page and the
 * element, every attribute escaped.
 *
 * @package Convene
 */

defined( 'ABSPATH' ) || exit;

add_shortcode( 'convene', 'convene_shortcode' );
add_filter( 'script_loader_tag', 'convene_module_script_tag', 10, 3 );

/**
 * The markup for a space or a room.
 *
 * @param array|string $atts The shortcode's attributes: `space`, `room`.
 * @return string
 */
function convene_shortcode( $atts ) {
	$atts     = shortcode_atts(
		array(
			'space' => '',
			'room'  => '',
		),
		$atts,
		'convene'
	);
	$settings = convene_settings();
	$space    = '' !== $atts['space'] ? strtolower( trim( $atts['space'] ) ) : $settings['space'];
	$room     = strtolower( trim( $atts['room'] ) );
	$problem  = '';
	if ( '' === $settings['server'] ) {
		$problem = __( 'Convene is not set up yet: an administrator has to enter the Convene server under Settings → Convene.', 'convene' );
	} elseif ( ! convene_is_slug( $space ) ) {
		$problem = __( 'Convene needs a space: set it under Settings → Convene, or write it in the shortcode, as in [convene space="river-coop"].', 'convene' );
	} elseif ( '' !== $room && ! convene_is_slug( $room ) ) {
		$problem = __( 'The room in this Convene shortcode is not a room slug: 1–48 lowercase letters, digits and inner dashes, as in [convene room="lobby"].', 'convene' );
	}
	if ( '' !== $problem ) {
		// Only people who can fix the page are told what is wrong; visitors see nothing.
		return current_user_can( 'edit_posts' ) ? '<p class="convene-problem" role="alert">' . esc_html( $problem ) . '</p>' : '';
	}

	wp_enqueue_script( 'convene', $settings['server'] . '/convene.js', array(), null, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion -- the Convene server versions its own file.

	$here       = get_permalink();
	$attributes = array(
		'server'    => esc_url( $settings['server'] ),
		'space'     => esc_attr( $space ),
		'room'      => '' !== $room ? esc_attr( $room ) : null,
		'pass-url'  => esc_url( admin_url( 'admin-ajax.php?action=convene_pass' ) ),
		'login-url' => esc_url( wp_login_url( $here ? $here : home_url() ) ),
	);
	$tag        = '' !== $room ? 'convene-room' : 'convene-space';
	$html       = '<' . $tag;
	foreach ( $attributes as $name => $value ) {
		if ( null !== $value ) {
			$html .= ' ' . $name . '="' . $value . '"';
		}
	}
	return $html . '></' . $tag . '>';
}

/**
 * `convene.js` is an ES module.
 *
 * @param string $tag    The script tag WordPress made.
 * @param string $handle The script's handle.
 * @param string $src    Its address.
 * @return string
 */
function convene_module_script_tag( $tag, $handle, $src ) {
	if ( 'convene' !== $handle ) {
		return $tag;
	}
	return '<script type="module" src="' . esc_url( $src ) . '" id="convene-js"></script>' . "\n"; // phpcs:ignore WordPress.WP.EnqueuedResources.NonEnqueuedScript
}
