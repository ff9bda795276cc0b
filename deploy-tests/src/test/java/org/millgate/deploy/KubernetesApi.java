package org.millgate.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kubernetes API the manifests are written for: Kubernetes {@value #VERSION}, the
 * first release with the {@code preStop} sleep action as stable, through the model of
 * fabric8's kubernetes-model {@value #MODEL} (generated from the API's OpenAPI schemas).
 * The manifests may use only the stable API groups below; each object must map to its
 * typed model class with no field the model does not know (a misspelt or misplaced field,
 * or one of another Kubernetes version) and no value of the wrong type (what the model
 * reads back must equal what was written).
 */
final class KubernetesApi {

	/** The Kubernetes version the manifests target, stated in the docs as well. */
	static final String VERSION = "1.34";

	/** The fabric8 model the objects are checked with. */
	static final String MODEL = "io.fabric8:kubernetes-model 8.0.0";

	/**
	 * The API versions and kinds the manifests may use: all stable in {@value #VERSION}.
	 */
	static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of("v1/Namespace", Namespace.class,
			"v1/ConfigMap", ConfigMap.class, "v1/Secret", Secret.class, "v1/Service", Service.class,
			"apps/v1/Deployment", Deployment.class, "autoscaling/v2/HorizontalPodAutoscaler",
			HorizontalPodAutoscaler.class, "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
			"networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private KubernetesApi() {
	}

	static String typeOf(JsonNode document) {
		return document.path("apiVersion").asString("") + "/" + document.path("kind").asString("");
	}

	/**
	 * Reads one rendered object into its model class.
	 * @param document the object as rendered
	 * @return the typed object
	 * @throws IllegalArgumentException for an API version and kind outside {@link #TYPES}
	 */
	static HasMetadata read(JsonNode document) {
		Class<? extends HasMetadata> type = TYPES.get(typeOf(document));
		if (type == null) {
			throw new IllegalArgumentException(
					typeOf(document) + " is none of the stable kinds the manifests may use (" + TYPES.keySet() + ")");
		}
		return MAPPER.treeToValue(document, type);
	}

	/**
	 * Writes a typed object back as the API server would receive it.
	 * @param object the object
	 * @return its JSON tree
	 */
	static JsonNode write(HasMetadata object) {
		return MAPPER.valueToTree(object);
	}

	/**
	 * Every field the model did not know, anywhere in the object (the model keeps them in
	 * {@code additionalProperties} instead of refusing them).
	 * @param object a typed object
	 * @return JSON paths of unknown fields, empty when there is none
	 */
	static List<String> unknownFields(Object object) {
		List<String> unknown = new ArrayList<>();
		collectUnknown(object, "", unknown);
		return unknown;
	}

	private static void collectUnknown(Object value, String path, List<String> unknown) {
		if (value == null) {
			return;
		}
		if (value instanceof Collection<?> items) {
			int index = 0;
			for (Object item : items) {
				collectUnknown(item, path + "[" + index++ + "]", unknown);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> collectUnknown(item, path + "." + key, unknown));
			return;
		}
		if (!value.getClass().getName().startsWith("io.fabric8.")) {
			return;
		}
		for (Method method : value.getClass().getMethods()) {
			if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
					|| !method.getName().startsWith("get") || method.getDeclaringClass() == Object.class) {
				continue;
			}
			Object property = invoke(method, value);
			if (method.getName().equals("getAdditionalProperties")) {
				if (property instanceof Map<?, ?> extra) {
					extra.keySet().forEach((key) -> unknown.add(path + "." + key));
				}
			}
			else if (!method.getName().equals("getNumericalAmount")) {
				collectUnknown(property,
						path + "." + Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4),
						unknown);
			}
		}
	}

	private static Object invoke(Method method, Object target) {
		try {
			return method.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			return null;
		}
	}

}
