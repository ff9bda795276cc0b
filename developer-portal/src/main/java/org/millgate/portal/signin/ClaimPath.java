package org.millgate.portal.signin;

import java.util.Arrays;
import java.util.Map;

/**
 * A claim named by its name or by a dotted path into nested objects, such as Keycloak's
 * {@code realm_access.roles}. A name that itself holds dots (a namespaced claim such as
 * {@code https://millgate.example/roles}) is found too: at each level the longest key
 * that matches wins.
 */
final class ClaimPath {

	private final String[] segments;

	ClaimPath(String path) {
		this.segments = path.split("\\.", -1);
	}

	Object valueIn(Map<String, Object> claims) {
		return valueIn(claims, 0);
	}

	private Object valueIn(Map<?, ?> object, int from) {
		for (int end = this.segments.length; end > from; end--) {
			String key = String.join(".", Arrays.copyOfRange(this.segments, from, end));
			if (!object.containsKey(key)) {
				continue;
			}
			Object value = object.get(key);
			if (end == this.segments.length) {
				return value;
			}
			if (value instanceof Map<?, ?> nested) {
				Object found = valueIn(nested, end);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
