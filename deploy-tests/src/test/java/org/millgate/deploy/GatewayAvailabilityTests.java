package org.millgate.deploy;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway is the one door: at least two replicas at any time, more under load, and no
 * voluntary disruption (a drain, an upgrade) takes the last one away.
 */
class GatewayAvailabilityTests {

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_run_at_least_two_gateways(Overlay overlay) {
		// given
		Deployment gateway = RenderedOverlays.of(overlay).deployment("gateway").orElseThrow();

		// when / then
		assertThat(gateway.getSpec().getReplicas()).as("gateway replicas").isGreaterThanOrEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_scale_the_gateway_with_an_autoscaler_that_keeps_two(Overlay overlay) {
		// given
		List<HorizontalPodAutoscaler> autoscalers = RenderedOverlays.of(overlay).all(HorizontalPodAutoscaler.class);

		// when / then
		assertThat(autoscalers).as("autoscalers of the gateway's Deployment")
			.filteredOn((hpa) -> "apps/v1".equals(hpa.getSpec().getScaleTargetRef().getApiVersion())
					&& "Deployment".equals(hpa.getSpec().getScaleTargetRef().getKind())
					&& "gateway".equals(hpa.getSpec().getScaleTargetRef().getName()))
			.singleElement()
			.satisfies((hpa) -> {
				assertThat(hpa.getSpec().getMinReplicas()).as("minReplicas").isGreaterThanOrEqualTo(2);
				assertThat(hpa.getSpec().getMaxReplicas()).as("maxReplicas")
					.isGreaterThan(hpa.getSpec().getMinReplicas());
				assertThat(hpa.getSpec().getMetrics()).as("what it scales on").isNotEmpty();
			});
	}

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_keep_a_gateway_through_voluntary_disruptions(Overlay overlay) {
		// given
		Rendered rendered = RenderedOverlays.of(overlay);
		Map<String, String> gatewayPods = rendered.deployment("gateway")
			.orElseThrow()
			.getSpec()
			.getTemplate()
			.getMetadata()
			.getLabels();

		// when
		List<PodDisruptionBudget> budgets = rendered.all(PodDisruptionBudget.class)
			.stream()
			.filter((pdb) -> Selectors.matches(pdb.getSpec().getSelector(), gatewayPods))
			.toList();

		// then: it selects the gateway's pods and nobody else's, and keeps one
		assertThat(budgets).as("disruption budgets of the gateway's pods").singleElement().satisfies((pdb) -> {
			LabelSelector selector = pdb.getSpec().getSelector();
			assertThat(rendered.deployments()
				.stream()
				.filter((d) -> Selectors.matches(selector, d.getSpec().getTemplate().getMetadata().getLabels()))
				.map((d) -> d.getMetadata().getName())).containsExactly("gateway");
			if (pdb.getSpec().getMinAvailable() != null) {
				assertThat(pdb.getSpec().getMinAvailable().getIntVal()).as("minAvailable").isGreaterThanOrEqualTo(1);
			}
			else {
				assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).as("maxUnavailable")
					.isLessThan(gatewayReplicas(rendered));
			}
		});
	}

	private static int gatewayReplicas(Rendered rendered) {
		return rendered.deployment("gateway").orElseThrow().getSpec().getReplicas();
	}

}
