package org.millgate.deploy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service of services.conf that an overlay runs is a Deployment and a Service on
 * the port services.conf gives it, probed on Spring Boot's health groups, sized, non-root
 * on a read-only root file system, and shut down gracefully.
 */
class DeploymentRulesTests {

	/**
	 * Resident memory after start, MiB, as ./millgate bench measured it (README,
	 * "Benchmarks"): a request below it would let the scheduler overcommit the node.
	 */
	private static final Map<String, Integer> MEASURED_MEMORY_MIB = Map.of("identity", 288, "erp-simulator", 248,
			"production-order-api", 332, "inventory-api", 366, "shipment-api", 344, "gateway", 462, "developer-portal",
			296);

	/**
	 * Spring's default spring.lifecycle.timeout-per-shutdown-phase, which no service
	 * changes.
	 */
	private static final long SPRING_SHUTDOWN_PHASE_SECONDS = 30;

	private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024L);

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_run_every_service_of_the_topology_as_a_deployment_and_a_service_on_its_port(Overlay overlay) {
		// given
		Rendered rendered = RenderedOverlays.of(overlay);

		// when / then
		List<String> problems = new ArrayList<>();
		Topology.services().forEach((name, port) -> {
			Optional<Deployment> deployment = rendered.deployment(name);
			Optional<Service> service = rendered.service(name);
			if (!overlay.runs(name)) {
				if (deployment.isPresent()) {
					problems.add(name + ": runs outside the cluster in " + overlay + ", yet has a Deployment");
				}
				return;
			}
			if (deployment.isEmpty() || service.isEmpty()) {
				problems.add(name + ": Deployment " + deployment.isPresent() + ", Service " + service.isPresent());
				return;
			}
			Container container = Rendered.container(deployment.get());
			ServicePort http = service.get()
				.getSpec()
				.getPorts()
				.stream()
				.filter((p) -> "http".equals(p.getName()))
				.findFirst()
				.orElse(null);
			if (http == null || http.getPort() != port.intValue()
					|| containerPort(container, http.getTargetPort()) != port) {
				problems.add(name + ": the Service's http port does not lead to container port " + port);
			}
			if (!service.get()
				.getSpec()
				.getSelector()
				.entrySet()
				.stream()
				.allMatch((label) -> label.getValue()
					.equals(deployment.get().getSpec().getTemplate().getMetadata().getLabels().get(label.getKey())))) {
				problems.add(name + ": the Service does not select the Deployment's pods");
			}
		});
		assertThat(problems).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_probe_every_deployment_on_the_actuator_health_groups(Overlay overlay) {
		// given
		Rendered rendered = RenderedOverlays.of(overlay);

		// when / then
		List<String> problems = new ArrayList<>();
		for (Deployment deployment : rendered.deployments()) {
			String name = deployment.getMetadata().getName();
			Container container = Rendered.container(deployment);
			int port = Topology.services().get(name);
			checkProbe(name + " startup", container, container.getStartupProbe(), "/actuator/health/liveness", port,
					problems);
			checkProbe(name + " liveness", container, container.getLivenessProbe(), "/actuator/health/liveness", port,
					problems);
			checkProbe(name + " readiness", container, container.getReadinessProbe(), "/actuator/health/readiness",
					port, problems);
			// the groups exist only with probes enabled (Boot enables them by itself only
			// where
			// it detects Kubernetes); management must stay on the service's port
			if (!ConfigurationTests.configValue(rendered, container, "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED")
				.equals(Optional.of("true"))) {
				problems.add(name + ": MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED is not true");
			}
			if (env(container, "MILLGATE_GATEWAY_MANAGEMENT_PORT").isPresent()
					|| env(container, "MANAGEMENT_SERVER_PORT").isPresent()) {
				problems.add(name + ": management moved to another port than the probes'");
			}
		}
		assertThat(problems).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_request_and_limit_cpu_and_memory_sized_from_the_bench(Overlay overlay) {
		// given
		Rendered rendered = RenderedOverlays.of(overlay);

		// when / then
		List<String> problems = new ArrayList<>();
		for (Deployment deployment : rendered.deployments()) {
			String name = deployment.getMetadata().getName();
			Map<String, Quantity> requests = Rendered.container(deployment).getResources().getRequests();
			Map<String, Quantity> limits = Rendered.container(deployment).getResources().getLimits();
			for (String resource : List.of("cpu", "memory")) {
				if (requests == null || limits == null || !requests.containsKey(resource)
						|| !limits.containsKey(resource)) {
					problems.add(name + ": no " + resource + " request and limit");
				}
				else if (Quantity.getAmountInBytes(requests.get(resource))
					.compareTo(Quantity.getAmountInBytes(limits.get(resource))) > 0) {
					problems.add(name + ": " + resource + " request above its limit");
				}
			}
			Integer measured = MEASURED_MEMORY_MIB.get(name);
			if (measured != null && requests != null && requests.containsKey("memory")
					&& Quantity.getAmountInBytes(requests.get("memory"))
						.compareTo(MIB.multiply(BigDecimal.valueOf(measured))) < 0) {
				problems.add(name + ": memory request " + requests.get("memory") + " below the " + measured
						+ " MiB ./millgate bench measured");
			}
		}
		assertThat(problems).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_run_every_container_as_non_root_on_a_read_only_root_file_system(Overlay overlay) {
		// given
		Rendered rendered = RenderedOverlays.of(overlay);

		// when / then
		List<String> problems = new ArrayList<>();
		for (Deployment deployment : rendered.deployments()) {
			String name = deployment.getMetadata().getName();
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext())
				.orElseGet(PodSecurityContext::new);
			SecurityContext context = Optional.ofNullable(Rendered.container(deployment).getSecurityContext())
				.orElseGet(SecurityContext::new);
			Boolean nonRoot = (context.getRunAsNonRoot() != null) ? context.getRunAsNonRoot()
					: podContext.getRunAsNonRoot();
			Long user = (context.getRunAsUser() != null) ? context.getRunAsUser() : podContext.getRunAsUser();
			String seccomp = (context.getSeccompProfile() != null) ? context.getSeccompProfile().getType()
					: (podContext.getSeccompProfile() != null) ? podContext.getSeccompProfile().getType() : null;
			if (!Boolean.TRUE.equals(nonRoot) || user == null || user == 0) {
				problems.add(name + ": not runAsNonRoot with a runAsUser other than 0");
			}
			if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
				problems.add(name + ": root file system not read-only");
			}
			if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
				problems.add(name + ": privilege escalation not forbidden");
			}
			if (context.getCapabilities() == null || !context.getCapabilities().getDrop().contains("ALL")
					|| !context.getCapabilities().getAdd().isEmpty()) {
				problems.add(name + ": capabilities not all dropped");
			}
			if (!"RuntimeDefault".equals(seccomp)) {
				problems.add(name + ": seccomp profile not RuntimeDefault");
			}
		}
		assertThat(problems).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_give_every_directory_a_service_writes_an_empty_dir(Overlay overlay) {
		// given
		Rendered rendered = RenderedOverlays.of(overlay);

		// when / then: /tmp for the JVM and the servers; the data directory where a
		// service
		// keeps files (MILLGATE_DATA_DIR)
		List<String> problems = new ArrayList<>();
		for (Deployment deployment : rendered.deployments()) {
			String name = deployment.getMetadata().getName();
			Container container = Rendered.container(deployment);
			List<String> writable = new ArrayList<>(List.of("/tmp"));
			if (env(container, "MILLGATE_DATA_DIR").isPresent()) {
				writable.add(ConfigurationTests.configValue(rendered, container, "MILLGATE_DATA_DIR").orElse("?"));
			}
			for (String directory : writable) {
				Optional<VolumeMount> mount = container.getVolumeMounts()
					.stream()
					.filter((candidate) -> candidate.getMountPath().equals(directory))
					.findFirst();
				Optional<Volume> volume = mount.flatMap((m) -> deployment.getSpec()
					.getTemplate()
					.getSpec()
					.getVolumes()
					.stream()
					.filter((v) -> v.getName().equals(m.getName()))
					.findFirst());
				if (volume.isEmpty() || volume.get().getEmptyDir() == null
						|| Boolean.TRUE.equals(mount.get().getReadOnly())) {
					problems.add(name + ": " + directory + " is no writable emptyDir");
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_drain_in_flight_requests_before_the_pod_is_killed(Overlay overlay) {
		// given
		Rendered rendered = RenderedOverlays.of(overlay);

		// when / then: the preStop pause lets the endpoints drop the pod before SIGTERM;
		// then
		// Spring's graceful shutdown (the default since Boot 3.4) finishes what is in
		// flight
		// within its phase timeout; only after both may the kubelet kill
		List<String> problems = new ArrayList<>();
		for (Deployment deployment : rendered.deployments()) {
			String name = deployment.getMetadata().getName();
			Container container = Rendered.container(deployment);
			Long pause = (container.getLifecycle() != null && container.getLifecycle().getPreStop() != null
					&& container.getLifecycle().getPreStop().getSleep() != null)
							? container.getLifecycle().getPreStop().getSleep().getSeconds() : null;
			Long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
			if (pause == null || pause < 5) {
				problems.add(name + ": no preStop pause of 5 s or more");
			}
			else if (grace == null || grace < pause + SPRING_SHUTDOWN_PHASE_SECONDS) {
				problems.add(name + ": terminationGracePeriodSeconds " + grace + " shorter than the pause and "
						+ SPRING_SHUTDOWN_PHASE_SECONDS + " s of graceful shutdown");
			}
			if (env(container, "SERVER_SHUTDOWN").filter((e) -> !"graceful".equals(e.getValue())).isPresent()) {
				problems.add(name + ": SERVER_SHUTDOWN is not graceful");
			}
		}
		assertThat(problems).isEmpty();
	}

	private static void checkProbe(String what, Container container, Probe probe, String path, int port,
			List<String> problems) {
		if (probe == null || probe.getHttpGet() == null) {
			problems.add(what + ": no HTTP probe");
		}
		else if (!path.equals(probe.getHttpGet().getPath())
				|| containerPort(container, probe.getHttpGet().getPort()) != port) {
			problems.add(what + ": probes " + probe.getHttpGet().getPath() + " on "
					+ probe.getHttpGet().getPort().getValue() + ", not " + path + " on " + port);
		}
	}

	static int containerPort(Container container, IntOrString port) {
		if (port == null) {
			return -1;
		}
		if (port.getIntVal() != null) {
			return port.getIntVal();
		}
		return container.getPorts()
			.stream()
			.filter((candidate) -> port.getStrVal().equals(candidate.getName()))
			.map(ContainerPort::getContainerPort)
			.findFirst()
			.orElse(-1);
	}

	static Optional<EnvVar> env(Container container, String name) {
		return container.getEnv().stream().filter((candidate) -> candidate.getName().equals(name)).findFirst();
	}

}
