package org.millgate.policies.auth;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Requests without a valid token, counted per client address: each refused one takes a
 * token from the address's bucket, and once it is empty, the address's requests are
 * answered 429 before their token is even parsed, until the bucket refills (a request
 * with a token this gateway verified before still passes: a plant's systems behind one
 * NAT address keep working while one of them sends garbage). Without this, a flood of
 * forged tokens was never throttled, since throttling runs after authentication.
 * <p>
 * The buckets live in this instance's memory (the flood is answered where it arrives; no
 * Redis round trip for traffic that proves nothing), at most {@value #ADDRESSES}
 * addresses at once. The client address is the peer's, or, when the peer is a trusted
 * proxy, the last address it appended to {@code X-Forwarded-For}.
 */
public final class FailedAuthentications {

	static final int ADDRESSES = 100_000;

	private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final Config config;

	private final Pattern trustedProxies;

	/**
	 * The counter.
	 * @param config the limits
	 */
	public FailedAuthentications(Config config) {
		this.config = config;
		this.trustedProxies = (config.trustedProxies() == null || config.trustedProxies().isBlank()) ? null
				: Pattern.compile(config.trustedProxies());
	}

	/**
	 * The client address of a request.
	 * @param request the request
	 * @return its address, or {@code unknown}
	 */
	public String addressOf(ServerHttpRequest request) {
		InetSocketAddress peer = request.getRemoteAddress();
		String address = (peer != null && peer.getAddress() != null) ? peer.getAddress().getHostAddress() : "unknown";
		if (this.trustedProxies != null && this.trustedProxies.matcher(address).matches()) {
			List<String> forwarded = request.getHeaders().getOrEmpty("X-Forwarded-For");
			if (!forwarded.isEmpty()) {
				String[] hops = forwarded.get(forwarded.size() - 1).split(",");
				String last = hops[hops.length - 1].trim();
				if (!last.isEmpty()) {
					return last;
				}
			}
		}
		return address;
	}

	/**
	 * How long an address must wait before its next request without a known token is
	 * heard.
	 * @param address the client address
	 * @return 0 when it may go on, else seconds to wait
	 */
	public long waitSeconds(String address) {
		Bucket bucket = this.buckets.get(address);
		if (bucket == null || bucket.getAvailableTokens() > 0) {
			return 0;
		}
		long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
		return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
	}

	/**
	 * Counts a request refused for want of a valid token.
	 * @param address the client address
	 */
	public void failed(String address) {
		if (this.buckets.size() >= ADDRESSES) {
			// bounded: forget them all rather than track their age
			this.buckets.clear();
		}
		this.buckets
			.computeIfAbsent(address,
					(key) -> Bucket.builder()
						.addLimit(Bandwidth.builder()
							.capacity(this.config.burst())
							.refillGreedy(this.config.perSecond(), Duration.ofSeconds(1))
							.build())
						.build())
			.tryConsume(1);
	}

	/**
	 * The limits of requests without a valid token per client address.
	 *
	 * @param burst how many may fail at once
	 * @param perSecond how many may fail per second after that
	 * @param trustedProxies a regular expression of the proxies whose
	 * {@code X-Forwarded-For} is believed; blank trusts none
	 */
	public record Config(int burst, int perSecond, String trustedProxies) {

		public Config {
			if (burst < 1 || perSecond < 1) {
				throw new IllegalArgumentException("burst and perSecond must be at least 1");
			}
		}

	}

}
