<?php
/**
 * Settings → Convene: the server, the space, the role mapping (the Settings API form, with its
 * nonce and the manage_options check), and the signing keys (their own forms through
 * admin-post.php, each with its nonce and the same check). Private keys are never shown.
 *
 * @package Convene
 */

defined( 'ABSPATH' ) || exit;

add_action( 'admin_menu', 'convene_admin_menu' );
add_action( 'admin_post_convene_rotate_key', 'convene_handle_rotate_key' );
add_action( 'admin_post_convene_remove_key', 'convene_handle_remove_key' );

/** Settings → Convene. */
function convene_admin_menu() {
	add_options_page( __( 'Convene', 'convene' ), __( 'Convene', 'convene' ), 'manage_options', 'convene', 'convene_settings_page' );
}

/** Back to the settings screen with a notice from the fixed list in convene_settings_page(). */
function convene_back_to_settings( $notice ) {
	wp_safe_redirect( add_query_arg( array( 'page' => 'convene', 'convene-notice' => $notice ), admin_url( 'options-general.php' ) ) );
	exit;
}

/** "Make a signing key" / "Make a new key". */
function convene_handle_rotate_key() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Only an administrator can change the Convene signing key.', 'convene' ), '', array( 'response' => 403 ) );
	}
	check_admin_referer( 'convene_rotate_key' );
	$had = '' !== convene_keys()['current'];
	convene_rotate_key();
	convene_back_to_settings( $had ? 'rotated' : 'generated' );
}

/** "Remove" on a key that no longer signs. */
function convene_handle_remove_key() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Only an administrator can change the Convene signing key.', 'convene' ), '', array( 'response' => 403 ) );
	}
	$kid = isset( $_POST['kid'] ) ? sanitize_text_field( wp_unslash( $_POST['kid'] ) ) : '';
	check_admin_referer( 'convene_remove_key_' . $kid );
	convene_back_to_settings( convene_remove_key( $kid ) ? 'removed' : 'not-removed' );
}

/**
 * The lines to add under the space in the Convene config (YAML), for one public key, in the
 * server's own keys: `memberPasses: keys: - kid, alg, publicKey`. The kid (a JWK thumbprint, only
 * letters, digits, - and _) stays a plain YAML string; the PEM is a literal block.
 */
function convene_config_snippet( array $forms ) {
	return "memberPasses:\n"
		. "  keys:\n"
		. '    - kid: ' . $forms['kid'] . "\n"
		. "      alg: EdDSA\n"
		. "      publicKey: |\n"
		. '        ' . str_replace( "\n", "\n        ", trim( str_replace( "\r\n", "\n", $forms['pem'] ) ) ) . "\n";
}

/** One key: its id, what it is for, its public forms (read-only, labelled) and, when it no longer signs, Remove. */
function convene_render_key( $kid, array $key, $is_current ) {
	$forms = convene_public_forms( $kid, $key['public'] );
	$slug  = substr( md5( $kid ), 0, 8 );
	?>
	<section class="convene-key" data-kid="<?php echo esc_attr( $kid ); ?>" data-current="<?php echo $is_current ? 'true' : 'false'; ?>" aria-labelledby="convene-key-<?php echo esc_attr( $slug ); ?>">
		<h3 id="convene-key-<?php echo esc_attr( $slug ); ?>">
			<?php
			echo esc_html(
				$is_current
					? __( 'Signing key (in use)', 'convene' )
					: __( 'Previous key (no longer signs; keep it in the Convene config for five minutes after a change, then remove it there and here)', 'convene' )
			);
			?>
		</h3>
		<p>
			<?php esc_html_e( 'Key id (kid):', 'convene' ); ?>
			<code class="convene-kid"><?php echo esc_html( $kid ); ?></code>
			<?php
			/* translators: %s: the date and time the key was made. */
			echo esc_html( sprintf( __( 'made %s', 'convene' ), wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), (int) $key['created'] ) ) );
			?>
		</p>
		<p>
			<label for="convene-config-<?php echo esc_attr( $slug ); ?>"><?php esc_html_e( 'For the Convene config (YAML, under the space):', 'convene' ); ?></label><br>
			<textarea id="convene-config-<?php echo esc_attr( $slug ); ?>" class="large-text code convene-config" rows="9" readonly><?php echo esc_textarea( convene_config_snippet( $forms ) ); ?></textarea>
		</p>
		<p>
			<label for="convene-pem-<?php echo esc_attr( $slug ); ?>"><?php esc_html_e( 'Public key (PEM):', 'convene' ); ?></label><br>
			<textarea id="convene-pem-<?php echo esc_attr( $slug ); ?>" class="large-text code convene-pem" rows="3" readonly><?php echo esc_textarea( $forms['pem'] ); ?></textarea>
		</p>
		<p>
			<label for="convene-jwk-<?php echo esc_attr( $slug ); ?>"><?php esc_html_e( 'Public key (JWK):', 'convene' ); ?></label><br>
			<textarea id="convene-jwk-<?php echo esc_attr( $slug ); ?>" class="large-text code convene-jwk" rows="2" readonly><?php echo esc_textarea( $forms['jwk_json'] ); ?></textarea>
		</p>
		<?php if ( ! $is_current ) : ?>
			<form method="post" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>">
				<input type="hidden" name="action" value="convene_remove_key">
				<input type="hidden" name="kid" value="<?php echo esc_attr( $kid ); ?>">
				<?php wp_nonce_field( 'convene_remove_key_' . $kid ); ?>
				<?php
				/* translators: %s: a key id. */
				submit_button( __( 'Remove this key', 'convene' ), 'delete', 'submit', false, array( 'aria-label' => sprintf( __( 'Remove the previous key %s', 'convene' ), $kid ) ) );
				?>
			</form>
		<?php endif; ?>
	</section>
	<?php
}

/** The role checkboxes for one of the two mappings, as a fieldset with its legend. */
function convene_render_roles( $key, $legend, $help ) {
	$settings = convene_settings();
	$chosen   = (array) $settings[ $key ];
	?>
	<fieldset aria-describedby="convene-<?php echo esc_attr( $key ); ?>-help">
		<legend class="screen-reader-text"><?php echo esc_html( $legend ); ?></legend>
		<?php foreach ( wp_roles()->get_names() as $role => $name ) : ?>
			<label>
				<input type="checkbox" name="<?php echo esc_attr( CONVENE_SETTINGS_OPTION . '[' . $key . '][]' ); ?>" value="<?php echo esc_attr( $role ); ?>" <?php checked( in_array( $role, $chosen, true ) ); ?>>
				<?php echo esc_html( translate_user_role( $name ) ); ?>
			</label><br>
		<?php endforeach; ?>
		<p class="description" id="convene-<?php echo esc_attr( $key ); ?>-help"><?php echo esc_html( $help ); ?></p>
	</fieldset>
	<?php
}

/** Settings → Convene. */
function convene_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$settings = convene_settings();
	$state    = convene_keys();
	$notices  = array(
		'generated'   => __( 'A signing key was made. Paste its public key into the Convene config (below), then members can enter.', 'convene' ),
		'rotated'     => __( 'A new signing key was made and signs from now on. Add its public key to the Convene config now; remove the previous key there and here after five minutes.', 'convene' ),
		'removed'     => __( 'The previous key was removed.', 'convene' ),
		'not-removed' => __( 'That key could not be removed: the key in use can only be replaced with a new one.', 'convene' ),
	);
	$notice   = isset( $_GET['convene-notice'] ) ? sanitize_key( wp_unslash( $_GET['convene-notice'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- picks a fixed message, changes nothing.
	$origin   = wp_parse_url( home_url(), PHP_URL_SCHEME ) . '://' . wp_parse_url( home_url(), PHP_URL_HOST ) . ( wp_parse_url( home_url(), PHP_URL_PORT ) ? ':' . wp_parse_url( home_url(), PHP_URL_PORT ) : '' );
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'Convene', 'convene' ); ?></h1>
		<?php if ( isset( $notices[ $notice ] ) ) : ?>
			<div class="notice notice-<?php echo 'not-removed' === $notice ? 'error' : 'success'; ?>" role="status"><p><?php echo esc_html( $notices[ $notice ] ); ?></p></div>
		<?php endif; ?>
		<?php // Settings pages under options-general.php show settings_errors() already (options-head.php). ?>

		<form method="post" action="options.php">
			<?php settings_fields( 'convene' ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="convene-server"><?php esc_html_e( 'Convene server', 'convene' ); ?></label></th>
					<td>
						<input type="url" id="convene-server" class="regular-text code" name="<?php echo esc_attr( CONVENE_SETTINGS_OPTION . '[server]' ); ?>" value="<?php echo esc_attr( $settings['server'] ); ?>" placeholder="https://coop.example/convene" aria-describedby="convene-server-help">
						<p class="description" id="convene-server-help"><?php esc_html_e( 'The address your co-op’s Convene server answers at; its convene.js is loaded from there.', 'convene' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="convene-space"><?php esc_html_e( 'Space', 'convene' ); ?></label></th>
					<td>
						<input type="text" id="convene-space" class="regular-text code" name="<?php echo esc_attr( CONVENE_SETTINGS_OPTION . '[space]' ); ?>" value="<?php echo esc_attr( $settings['space'] ); ?>" placeholder="river-coop" pattern="[a-z0-9](?:[a-z0-9\-]{0,46}[a-z0-9])?" aria-describedby="convene-space-help">
						<p class="description" id="convene-space-help"><?php esc_html_e( 'The space’s slug as the Convene config spells it. Passes this site signs are good for this space only.', 'convene' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><?php esc_html_e( 'Members', 'convene' ); ?></th>
					<td><?php convene_render_roles( 'member_roles', __( 'Roles that are members', 'convene' ), __( 'Signed-in people with these roles enter members’ rooms and see who is in them.', 'convene' ) ); ?></td>
				</tr>
				<tr>
					<th scope="row"><?php esc_html_e( 'Moderators', 'convene' ); ?></th>
					<td><?php convene_render_roles( 'moderator_roles', __( 'Roles that are moderators', 'convene' ), __( 'Signed-in people with these roles can mute and remove others, and are members too.', 'convene' ) ); ?></td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>

		<h2><?php esc_html_e( 'Signing key', 'convene' ); ?></h2>
		<p>
			<?php esc_html_e( 'This site signs a short-lived member pass for each signed-in person; the Convene server checks it with the public key below. The private key stays in this site’s database and is never shown.', 'convene' ); ?>
		</p>
		<p>
			<?php
			/* translators: %s: this site's origin, e.g. https://coop.example */
			echo esc_html( sprintf( __( 'In the Convene config, the space’s allowedOrigins must include %s.', 'convene' ), $origin ) );
			?>
		</p>
		<?php
		if ( '' !== $state['current'] ) {
			convene_render_key( $state['current'], $state['keys'][ $state['current'] ], true );
		}
		foreach ( $state['keys'] as $kid => $key ) {
			if ( (string) $kid !== $state['current'] ) {
				convene_render_key( (string) $kid, $key, false );
			}
		}
		?>
		<form method="post" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>">
			<input type="hidden" name="action" value="convene_rotate_key">
			<?php wp_nonce_field( 'convene_rotate_key' ); ?>
			<?php
			if ( '' === $state['current'] ) {
				submit_button( __( 'Make a signing key', 'convene' ), 'primary', 'submit', false );
			} else {
				submit_button( __( 'Make a new key (rotate)', 'convene' ), 'secondary', 'submit', false, array( 'aria-describedby' => 'convene-rotate-help' ) );
				echo '<p class="description" id="convene-rotate-help">' . esc_html__( 'The new key signs from then on; the current one is kept in this list, without its private key, until you remove it.', 'convene' ) . '</p>';
			}
			?>
		</form>
	</div>
	<?php
}
