package org.millgate.web;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Request paths as Spring's mappings see them: percent-decoded segment by segment, so
 * that a check on a path prefix cannot be passed around with an encoded letter
 * ({@code /%761/...} is {@code /v1/...}).
 */
public final class RequestPaths {

	private RequestPaths() {
	}

	/**
	 * The decoded path of a request within the application.
	 * @param request the request
	 * @return the path with every segment decoded (path parameters dropped)
	 */
	public static String decoded(ServerHttpRequest request) {
		StringBuilder path = new StringBuilder();
		for (PathContainer.Element element : request.getPath().pathWithinApplication().elements()) {
			path.append(
					(element instanceof PathContainer.PathSegment segment) ? segment.valueToMatch() : element.value());
		}
		return path.toString();
	}

}
