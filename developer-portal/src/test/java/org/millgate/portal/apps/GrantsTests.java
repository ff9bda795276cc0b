package org.millgate.portal.apps;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.ContractCatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rule of what an app's client carries, on the built-in catalog: one plants claim for
 * every product of an app, so that no product's scopes reach another product's plants.
 */
class GrantsTests {

	private final Grants grants = new Grants(ContractCatalog.load());

	private final App app = new App("app-1", "ACME", "Line feed", null, "client-1", "acme-dev", Instant.EPOCH, null);

	@Test
	void should_carry_the_scopes_of_every_approved_subscription_and_their_plants() {
		List<Subscription> subscriptions = List.of(
				approved("production-orders", List.of("1000"), "production-orders:read"),
				approved("inventory", List.of("1000"), "inventory:read"), pending("shipments"));

		Grant grant = this.grants.carried(this.app, subscriptions);

		assertThat(grant.scopes()).containsExactly("inventory:read", "production-orders:read");
		assertThat(grant.plants()).containsExactly("1000");
		assertThat(grant.summary())
			.isEqualTo("scopes inventory:read production-orders:read; plants 1000; plan plant-standard; partner ACME");
	}

	@Test
	void should_carry_only_the_plants_all_approved_subscriptions_share_should_they_differ() {
		Grant grant = this.grants.carried(this.app,
				List.of(approved("production-orders", List.of("1000", "2000"), "production-orders:read"),
						approved("inventory", List.of("2000"), "inventory:read")));

		assertThat(grant.plants()).containsExactly("2000");
	}

	@Test
	void should_refuse_a_second_product_with_other_plants_or_none() {
		Subscription orders = approved("production-orders", List.of("1000"), "production-orders:read",
				"production-orders:write");
		Subscription inventory = pending("inventory");
		List<Subscription> subscriptions = List.of(orders, inventory);

		Preview cleared = this.grants.approval(this.app, subscriptions, inventory, "", null);
		Preview other = this.grants.approval(this.app, subscriptions, inventory, "2000", null);
		Preview same = this.grants.approval(this.app, subscriptions, inventory, "1000", null);
		Preview proposed = this.grants.approval(this.app, subscriptions, inventory, null, null);

		assertThat(cleared.allowed()).isFalse();
		assertThat(cleared.refusal()).contains("production-orders is approved for this app with plants 1000");
		assertThat(other.allowed()).isFalse();
		assertThat(same.allowed()).isTrue();
		assertThat(same.after().scopes()).containsExactly("inventory:read", "production-orders:read",
				"production-orders:write");
		assertThat(proposed.result().plants()).as("what the app carries now").containsExactly("1000");
	}

	@Test
	void should_approve_the_chosen_scopes_only_and_refuse_none_or_foreign_ones() {
		Subscription orders = pending("production-orders");

		Preview read = this.grants.approval(this.app, List.of(orders), orders, "1000",
				List.of("production-orders:read"));
		Preview none = this.grants.approval(this.app, List.of(orders), orders, "1000", List.of());

		assertThat(read.after().scopes()).containsExactly("production-orders:read");
		assertThat(none.refusal()).startsWith("Approve at least one scope");
		assertThatThrownBy(
				() -> this.grants.approval(this.app, List.of(orders), orders, "1000", List.of("inventory:read")))
			.isInstanceOf(Apps.Refused.class)
			.hasMessageContaining("'inventory:read' is no scope of Production orders");
	}

	@Test
	void should_replace_the_plants_of_every_approved_subscription_of_the_app() {
		Subscription orders = approved("production-orders", List.of("1000", "2000"), "production-orders:read");
		Subscription inventory = approved("inventory", List.of("1000", "2000"), "inventory:read");

		Preview replaced = this.grants.replacement(this.app, List.of(orders, inventory), orders, "3000");

		assertThat(replaced.after().plants()).containsExactly("3000");
		assertThat(replaced.alsoChanged()).extracting(Subscription::product).containsExactly("inventory");
		assertThat(this.grants.replacement(this.app, List.of(orders), orders, "2000 1000").refusal())
			.contains("carries plants 1000 2000 already");
	}

	@Test
	void should_revoke_the_client_with_the_last_approved_subscription() {
		Subscription orders = approved("production-orders", List.of("1000"), "production-orders:read");
		Subscription inventory = approved("inventory", List.of("1000"), "inventory:read");

		Preview one = this.grants.revocation(this.app, List.of(orders, inventory), inventory);
		Preview last = this.grants.revocation(this.app, List.of(orders), orders);

		assertThat(one.after().scopes()).containsExactly("production-orders:read");
		assertThat(one.clientRevoked()).isFalse();
		assertThat(last.after().none()).isTrue();
		assertThat(last.clientRevoked()).isTrue();
	}

	@Test
	void should_read_plant_codes_as_owners_type_them() {
		assertThat(Grants.plants(" 2000, 1000 1000 ")).containsExactly("1000", "2000");
		assertThat(Grants.plants("")).isEmpty();
		assertThatThrownBy(() -> Grants.plants("1000 <b>")).isInstanceOf(Apps.Refused.class)
			.hasMessageContaining("'<b>' is no plant code");
	}

	private static Subscription approved(String product, List<String> plants, String... scopes) {
		return new Subscription(UUID.randomUUID().toString(), "app-1", product, "plant-standard", Subscription.APPROVED,
				"acme-dev", Instant.EPOCH, "api-owner", Instant.EPOCH, plants, List.of(scopes));
	}

	private static Subscription pending(String product) {
		return new Subscription(UUID.randomUUID().toString(), "app-1", product, "plant-standard", Subscription.PENDING,
				"acme-dev", Instant.EPOCH, null, null, List.of(), List.of());
	}

}
