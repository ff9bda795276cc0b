package org.millgate.identity;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credential stuffing against identity over real HTTP, each attacker and each victim
 * calling from a loopback address of its own: wrong passwords and wrong secrets lock the
 * name out for that address (429 with {@code Retry-After}, the right password included),
 * others are unaffected, a name is locked everywhere only after many more failures, an
 * address has a bucket, and the lock-out ends (and grows) with a clock the test moves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "millgate.identity.attempts.lock-after=3", "millgate.identity.attempts.lock-everywhere-after=7",
				"millgate.identity.attempts.address-burst=10", "millgate.identity.attempts.address-per-minute=6",
				"millgate.identity.attempts.lockout=1m", "millgate.identity.attempts.max-lockout=3m" })
@ActiveProfiles("demo")
class CredentialStuffingTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabase.freshSchema("millgate_identity_attempts_test");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> TestDatabase.USER);
		registry.add("spring.datasource.password", () -> TestDatabase.PASSWORD);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Time {

		@Bean
		MutableClock clock() {
			return new MutableClock(Instant.now());
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Test
	void should_lock_a_user_out_for_an_address_after_wrong_passwords_even_with_the_right_one() {
		FromAddress attacker = from("127.0.0.2");
		for (int attempt = 0; attempt < 3; attempt++) {
			FromAddress.Answer wrong = attacker.signIn("acme-dev", "guess-" + attempt);
			assertThat(wrong.header("Location")).hasValueSatisfying((to) -> assertThat(to).contains("/login?error"));
		}

		FromAddress.Answer right = attacker.signIn("acme-dev", "acme-dev-password");

		assertThat(right.status()).isEqualTo(429);
		assertThat(right.header("Retry-After")).hasValue("60");
		assertThat(right.header("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(right.body()).contains("Too many sign-in attempts", "try again in 60 seconds", "href=\"/login\"");
		assertThat(from("127.0.0.3").signIn("acme-dev", "acme-dev-password").signedIn()).as("another address").isTrue();
		assertThat(from("127.0.0.2").signIn("beta-dev", "beta-dev-password").signedIn()).as("another user").isTrue();
	}

	@Test
	void should_answer_a_machine_with_the_problem_and_lock_a_client_after_wrong_secrets() {
		FromAddress attacker = from("127.0.0.4");
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(attacker.token("partner-beta", "guess-" + attempt).status()).isEqualTo(401);
		}

		FromAddress.Answer right = attacker.token("partner-beta", "partner-beta-secret");

		assertThat(right.status()).isEqualTo(429);
		assertThat(right.header("Retry-After")).hasValue("60");
		assertThat(right.header("Content-Type")).hasValue("application/problem+json");
		assertThat(right.body()).contains("\"type\":\"https://millgate.dev/problems/too-many-attempts\"",
				"\"status\":429", "\"code\":\"auth.tooManyAttempts\"", "\"instance\":\"/oauth2/token\"", "client id");
		assertThat(from("127.0.0.5").token("partner-beta", "partner-beta-secret").status()).as("another address")
			.isEqualTo(200);
		assertThat(attacker.token("partner-acme", "partner-acme-secret").status()).as("another client").isEqualTo(200);
	}

	@Test
	void should_end_a_lockout_after_its_period_and_make_the_next_one_longer() {
		FromAddress caller = from("127.0.0.6");
		lockOut(caller, "mes-plant-2000");
		assertThat(caller.token("mes-plant-2000", "mes-plant-2000-secret").status()).isEqualTo(429);

		this.clock.advance(Duration.ofSeconds(61));
		lockOut(caller, "mes-plant-2000");
		FromAddress.Answer again = caller.token("mes-plant-2000", "mes-plant-2000-secret");
		assertThat(again.status()).isEqualTo(429);
		assertThat(again.header("Retry-After")).as("twice the first lock-out").hasValue("120");

		this.clock.advance(Duration.ofSeconds(121));
		assertThat(caller.token("mes-plant-2000", "mes-plant-2000-secret").status()).isEqualTo(200);
	}

	@Test
	void should_forget_the_failures_of_a_user_who_signs_in() {
		FromAddress user = from("127.0.0.7");
		user.signIn("api-owner", "typo-1");
		user.signIn("api-owner", "typo-2");
		assertThat(user.signIn("api-owner", "api-owner-password").signedIn()).isTrue();

		user.signIn("api-owner", "typo-3");
		user.signIn("api-owner", "typo-4");
		assertThat(user.signIn("api-owner", "api-owner-password").signedIn()).as("two failures, not four").isTrue();
	}

	@Test
	void should_not_let_one_address_lock_a_user_out_for_everyone() {
		FromAddress attacker = from("127.0.0.8");
		for (int attempt = 0; attempt < 9; attempt++) {
			attacker.signIn("beta-dev", "guess-" + attempt);
		}

		assertThat(attacker.signIn("beta-dev", "beta-dev-password").status()).isEqualTo(429);
		assertThat(from("127.0.0.9").signIn("beta-dev", "beta-dev-password").signedIn()).isTrue();
	}

	@Test
	void should_lock_a_name_everywhere_after_many_failures_from_many_addresses_known_or_not() {
		for (String address : new String[] { "127.0.0.10", "127.0.0.11" }) {
			for (int attempt = 0; attempt < 3; attempt++) {
				from(address).signIn("stuffing-target", "guess-" + attempt);
			}
		}
		from("127.0.0.12").signIn("stuffing-target", "guess");

		FromAddress.Answer elsewhere = from("127.0.0.13").signIn("stuffing-target", "another-guess");
		assertThat(elsewhere.status()).as("locked everywhere after 7 failures").isEqualTo(429);
		assertThat(elsewhere.header("Retry-After")).isPresent();
		assertThat(from("127.0.0.13").signIn("acme-dev", "acme-dev-password").signedIn()).isTrue();
	}

	@Test
	void should_limit_the_requests_of_one_address_whatever_they_are() {
		FromAddress busy = from("127.0.0.14");
		for (int request = 0; request < 10; request++) {
			assertThat(busy.token("wms-plant-1000", "wms-plant-1000-secret").status()).isEqualTo(200);
		}

		FromAddress.Answer refused = busy.token("wms-plant-1000", "wms-plant-1000-secret");

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).as("six a minute: one every ten seconds").hasValue("10");
		assertThat(refused.body()).contains("\"code\":\"auth.tooManyAttempts\"", "from this address");
		assertThat(from("127.0.0.15").token("wms-plant-1000", "wms-plant-1000-secret").status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(busy.token("wms-plant-1000", "wms-plant-1000-secret").status()).isEqualTo(200);
		assertThat(busy.token("wms-plant-1000", "wms-plant-1000-secret").status()).isEqualTo(429);
	}

	private void lockOut(FromAddress caller, String client) {
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(caller.token(client, "guess-" + attempt).status()).isEqualTo(401);
		}
	}

	private FromAddress from(String address) {
		return new FromAddress(address, this.port);
	}

}
