package org.millgate.policies.validation;

import java.util.Optional;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Request and response bodies read whole, up to a limit, for the contract check.
 */
final class Bodies {

	private Bodies() {
	}

	/**
	 * Reads a body.
	 * @param body the body's buffers
	 * @param maxBytes the most it may hold
	 * @return its bytes (none for an empty body), or empty when it is larger than the
	 * limit; the limit's error is handled on the read alone, not on what follows
	 */
	static Mono<Optional<byte[]>> read(Publisher<? extends DataBuffer> body, int maxBytes) {
		return DataBufferUtils.join(Flux.from(body), maxBytes).map((joined) -> {
			byte[] bytes = new byte[joined.readableByteCount()];
			joined.read(bytes);
			DataBufferUtils.release(joined);
			return Optional.of(bytes);
		})
			.defaultIfEmpty(Optional.of(new byte[0]))
			.onErrorResume(DataBufferLimitException.class, (tooLarge) -> Mono.just(Optional.empty()));
	}

}
