package org.millgate.erp.sap;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.millgate.erp.port.ErpFailure;

/**
 * Compares what the ERP's {@code $metadata} shows with what the configured release needs,
 * so that a facade pointed at the wrong release (or with wrong credentials) refuses to
 * start with a message that says what to change, instead of failing call by call. An ERP
 * that cannot be reached at all is only logged: it may come up later.
 */
final class MetadataCheck {

	private static final Logger LOG = LoggerFactory.getLogger(MetadataCheck.class);

	private MetadataCheck() {
	}

	/**
	 * Checks every service; blocks, so call it at start, never on an event loop.
	 * @param http the ERP connection
	 * @param release the configured release
	 * @param timeout how long to wait for each document
	 * @return how many services were checked and match
	 * @throws IllegalStateException when the ERP does not match the release or refuses
	 * the credentials
	 */
	static int verify(SapHttp http, SapRelease release, Duration timeout) {
		List<String> mismatches = new ArrayList<>();
		int checked = 0;
		for (SapRelease.Expectation expectation : release.expectations()) {
			String metadata;
			try {
				metadata = http.text(expectation.service(), "$metadata").timeout(timeout).block();
			}
			catch (ErpFailure.NotFound ex) {
				mismatches.add(expectation.service() + " does not exist");
				continue;
			}
			catch (RuntimeException ex) {
				if (unreachable(ex)) {
					LOG.warn("The ERP at {} cannot be reached ({}); its release is not checked, and calls fail as "
							+ "unavailable until it answers", expectation.service(), ex.getMessage());
					return checked;
				}
				mismatches.add(expectation.service() + "/$metadata cannot be read: " + ex.getMessage());
				continue;
			}
			List<String> missing = expectation.markers()
				.stream()
				.filter((marker) -> metadata == null || !metadata.contains(marker))
				.toList();
			missing.forEach((marker) -> mismatches.add(expectation.service() + "/$metadata lacks " + marker));
			if (missing.isEmpty()) {
				checked++;
			}
		}
		if (!mismatches.isEmpty()) {
			throw new IllegalStateException("The ERP does not look like S/4HANA " + release.id
					+ " (millgate.erp.release): " + String.join("; ", mismatches)
					+ ". Set millgate.erp.release to the ERP's release (2020, 2022 or 2023), check "
					+ "millgate.erp.auth, or set millgate.erp.verify-metadata=false to skip this check.");
		}
		LOG.info("ERP metadata of {} services matches S/4HANA {}", checked, release.id);
		return checked;
	}

	private static boolean unreachable(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof TimeoutException
					|| cause instanceof UnknownHostException || cause.getClass().getName().contains("ConnectTimeout")) {
				return true;
			}
		}
		return false;
	}

}
