package org.millgate.policies.core;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PolicyOrderTests {

	@Test
	void should_list_the_policies_in_the_order_a_request_meets_them() {
		List<PolicyOrder> web = chain(PolicyOrder.Chain.WEB);
		List<PolicyOrder> route = chain(PolicyOrder.Chain.ROUTE);

		assertThat(web).extracting(PolicyOrder::value).isSorted();
		assertThat(route).extracting(PolicyOrder::value).isSorted();
		assertThat(Arrays.asList(PolicyOrder.values())).as("web filters first")
			.startsWith(web.toArray(PolicyOrder[]::new));
	}

	@Test
	void should_run_every_route_policy_before_the_gateway_writes_the_upstream_response() {
		// NettyWriteResponseFilter writes the product's answer at order -1
		assertThat(chain(PolicyOrder.Chain.ROUTE)).allSatisfy((order) -> assertThat(order.value()).isLessThan(-1));
		assertThat(chain(PolicyOrder.Chain.WEB))
			.allSatisfy((order) -> assertThat(order.value()).isLessThan(Ordered.HIGHEST_PRECEDENCE + 10));
	}

	@Test
	void should_order_a_route_filter_and_refuse_a_web_policy_one() {
		GatewayFilter filter = (exchange, chain) -> chain.filter(exchange);

		assertThat(PolicyOrder.THROTTLING.filter(filter)).isInstanceOfSatisfying(OrderedGatewayFilter.class,
				(ordered) -> assertThat(ordered.getOrder()).isEqualTo(PolicyOrder.THROTTLING.value()));
		assertThatIllegalStateException().isThrownBy(() -> PolicyOrder.HYGIENE.filter(filter));
	}

	private static List<PolicyOrder> chain(PolicyOrder.Chain chain) {
		return Arrays.stream(PolicyOrder.values()).filter((order) -> order.chain() == chain).toList();
	}

}
