package org.millgate.portal.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * What a webhook endpoint may be. The portal calls partners' URLs from inside the
 * platform's network, so an endpoint must not be a way into it: https only, no user info,
 * and no address on loopback, a private, link-local, unique-local, multicast or
 * unspecified range, checked when a webhook is created and again before every attempt (a
 * name may resolve elsewhere later). A demo or a test allows http and local addresses
 * explicitly.
 */
final class EndpointGuard {

	private final boolean allowHttp;

	private final boolean allowPrivateAddresses;

	EndpointGuard(boolean allowHttp, boolean allowPrivateAddresses) {
		this.allowHttp = allowHttp;
		this.allowPrivateAddresses = allowPrivateAddresses;
	}

	/**
	 * Checks an endpoint a partner gives.
	 * @param url the URL
	 * @return it as a URI
	 * @throws Webhooks.Refused saying what is wrong with it
	 */
	URI check(String url) {
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new Webhooks.Refused("The endpoint is not a URL: " + ex.getReason() + ".");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !(this.allowHttp && scheme.equals("http"))) {
			throw new Webhooks.Refused(this.allowHttp ? "The endpoint must be an http or https URL."
					: "The endpoint must be an https URL.");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new Webhooks.Refused("The endpoint must name a host.");
		}
		if (uri.getRawUserInfo() != null) {
			throw new Webhooks.Refused("The endpoint must not carry a user name or password; each delivery is "
					+ "signed instead (see Verifying deliveries).");
		}
		if (uri.getRawFragment() != null) {
			throw new Webhooks.Refused("The endpoint must not have a fragment (#...).");
		}
		if (url.length() > 2000) {
			throw new Webhooks.Refused("The endpoint URL is longer than 2000 characters.");
		}
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		if (!this.allowPrivateAddresses && (host.equals("localhost") || host.endsWith(".localhost")
				|| host.endsWith(".local") || host.endsWith(".internal"))) {
			throw new Webhooks.Refused("The endpoint must be reachable on the internet, not a local name.");
		}
		return uri;
	}

	/**
	 * Checks where an endpoint's host resolves now, before an attempt.
	 * @param uri the endpoint
	 * @return null when it may be called, otherwise why not
	 */
	String refusal(URI uri) {
		if (this.allowPrivateAddresses) {
			return null;
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(uri.getHost());
		}
		catch (UnknownHostException ex) {
			return "the host " + uri.getHost() + " is not known";
		}
		for (InetAddress address : addresses) {
			if (internal(address)) {
				return "the host " + uri.getHost() + " resolves to an internal address";
			}
		}
		return null;
	}

	static boolean internal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		if (bytes.length == 4) {
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			// 0/8, carrier-grade NAT 100.64/10, benchmarking 198.18/15
			return first == 0 || (first == 100 && second >= 64 && second < 128)
					|| (first == 198 && (second == 18 || second == 19));
		}
		// unique local fc00::/7
		return (bytes[0] & 0xfe) == 0xfc;
	}

}
