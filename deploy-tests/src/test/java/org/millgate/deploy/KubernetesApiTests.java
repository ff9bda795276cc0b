package org.millgate.deploy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object of every overlay is a valid object of the Kubernetes API of
 * {@value KubernetesApi#VERSION}, as far as the API's schemas say (the model of
 * {@value KubernetesApi#MODEL}): a stable kind, no unknown field, no value of the wrong
 * type.
 */
class KubernetesApiTests {

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_render_the_overlay_into_objects_of_every_kind_the_platform_needs(Overlay overlay) {
		// given / when
		Rendered rendered = RenderedOverlays.of(overlay);

		// then
		assertThat(rendered.documents().stream().map(KubernetesApi::typeOf).distinct()).as(overlay + ": kinds rendered")
			.contains("v1/Namespace", "v1/ConfigMap", "v1/Secret", "v1/Service", "apps/v1/Deployment",
					"autoscaling/v2/HorizontalPodAutoscaler", "policy/v1/PodDisruptionBudget",
					"networking.k8s.io/v1/NetworkPolicy");
	}

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_use_no_field_the_kubernetes_api_does_not_know(Overlay overlay) {
		// given
		Rendered rendered = RenderedOverlays.of(overlay);

		// when
		List<String> unknown = new ArrayList<>();
		for (int i = 0; i < rendered.objects().size(); i++) {
			String object = KubernetesApi.typeOf(rendered.documents().get(i)) + " "
					+ rendered.objects().get(i).getMetadata().getName();
			KubernetesApi.unknownFields(rendered.objects().get(i)).forEach((path) -> unknown.add(object + ": " + path));
		}

		// then
		assertThat(unknown).as("fields unknown to the Kubernetes " + KubernetesApi.VERSION + " API").isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_give_every_field_a_value_of_its_type(Overlay overlay) {
		// given
		Rendered rendered = RenderedOverlays.of(overlay);

		// when: a value the model had to convert (a number as a string, a string as a
		// list) reads back differently
		List<String> differences = new ArrayList<>();
		for (int i = 0; i < rendered.objects().size(); i++) {
			JsonNode written = rendered.documents().get(i);
			String object = KubernetesApi.typeOf(written) + " " + written.path("metadata").path("name").asString();
			JsonDifferences.between(written, KubernetesApi.write(rendered.objects().get(i)))
				.forEach((difference) -> differences.add(object + " " + difference));
		}

		// then
		assertThat(differences).as("values not of the Kubernetes " + KubernetesApi.VERSION + " API's types").isEmpty();
	}

}
