package org.millgate.identity;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the settings refuse before identity starts: a sign-in client with more than
 * {@code openid profile}, a registrar whose tokens would also be API tokens, and
 * lock-outs one address could turn against a known user.
 */
class IdentitySettingsTests {

	private static final List<String> PORTAL = List.of("http://localhost:8090/login/oauth2/code/millgate");

	@Test
	void should_refuse_a_sign_in_client_with_client_management_or_api_scopes() {
		assertThatIllegalArgumentException().isThrownBy(() -> client(List.of("openid", "client.create"), PORTAL))
			.withMessageContaining("signs people in");
		assertThatIllegalArgumentException().isThrownBy(() -> client(List.of("openid", "shipments:read"), PORTAL));
		assertThat(client(List.of("openid", "profile"), PORTAL).signsPeopleIn()).isTrue();
	}

	@Test
	void should_refuse_a_registrar_that_also_has_api_scopes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client(List.of("client.create", "production-orders:write"), List.of()))
			.withMessageContaining("mixes client-management scopes");
		assertThat(client(List.of("client.create", "client.manage"), List.of()).signsPeopleIn()).isFalse();
	}

	@Test
	void should_refuse_registration_of_client_management_or_sign_in_scopes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new IdentitySettings.Registration(List.of("shipments:read", "client.create"), List.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new IdentitySettings.Registration(List.of("openid"), List.of()));
	}

	@Test
	void should_refuse_a_lock_out_everywhere_no_higher_than_the_one_per_address() {
		assertThatIllegalArgumentException().isThrownBy(() -> attempts(5, 5))
			.withMessageContaining("lock-everywhere-after");
		assertThat(attempts(5, 50).lockEverywhereAfter()).isEqualTo(50);
	}

	private static IdentitySettings.Client client(List<String> scopes, List<String> redirectUris) {
		return new IdentitySettings.Client("some-client", "secret", scopes, List.of(), null, "partner-basic",
				redirectUris);
	}

	private static IdentitySettings.Attempts attempts(int lockAfter, int lockEverywhereAfter) {
		return new IdentitySettings.Attempts(60, 60, lockAfter, lockEverywhereAfter, Duration.ofMinutes(1),
				Duration.ofMinutes(15), Duration.ofHours(24), 1000);
	}

}
