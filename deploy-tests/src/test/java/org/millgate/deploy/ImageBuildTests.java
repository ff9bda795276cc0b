package org.millgate.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images build-images.sh makes fit the manifests: their user is the pods' runAsUser
 * and runAsGroup, and the port each image exposes is its service's port in services.conf,
 * which the Services and probes use too. (No registry and no base image can be reached
 * from the build machine, so the images themselves are not built here: build-images.sh
 * --tar DIR --base scratch checks the build configuration offline.)
 */
class ImageBuildTests {

	private static final Pattern IMAGE_USER = Pattern.compile("(?m)^IMAGE_USER=(\\d+):(\\d+)$");

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_build_images_that_run_as_the_user_the_pods_demand(Overlay overlay) throws IOException {
		// given
		Matcher user = IMAGE_USER.matcher(script());
		assertThat(user.find()).as("IMAGE_USER=UID:GID in build-images.sh").isTrue();

		// when / then
		for (Deployment deployment : RenderedOverlays.of(overlay).deployments()) {
			PodSecurityContext pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
			Long runAsUser = (Rendered.container(deployment).getSecurityContext().getRunAsUser() != null)
					? Rendered.container(deployment).getSecurityContext().getRunAsUser() : pod.getRunAsUser();
			assertThat(runAsUser).as(deployment.getMetadata().getName() + " runAsUser")
				.isEqualTo(Long.parseLong(user.group(1)));
			assertThat(pod.getRunAsGroup()).as(deployment.getMetadata().getName() + " runAsGroup")
				.isEqualTo(Long.parseLong(user.group(2)));
		}
	}

	@Test
	void should_expose_the_port_of_services_conf_that_the_services_and_probes_use() throws IOException {
		// given
		String script = script();

		// when / then: the port comes from the topology the manifests are checked against
		// (DeploymentRulesTests), never written down a second time
		assertThat(script).contains("source \"$ROOT/scripts/lib/topology.sh\"")
			.contains("\"-Djib.container.ports=${SERVICE_PORT[$service]}\"")
			.doesNotContainPattern("jib\\.container\\.ports=\\d");
	}

	@Test
	void should_take_the_base_image_from_configuration() throws IOException {
		// given
		String script = script();

		// when / then
		assertThat(script).contains("base=\"${MILLGATE_BASE_IMAGE:-eclipse-temurin:17-jre}\"")
			.contains("--base) base=")
			.contains("\"-Djib.from.image=$base\"");
	}

	private static String script() throws IOException {
		return Files.readString(RenderedOverlays.sources().resolve("build-images.sh"));
	}

}
