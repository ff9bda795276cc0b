package org.millgate.erp.sap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.millgate.erp.port.ErpFailure;

/**
 * Compares what the ERP's {@code $metadata} shows with what the configured release needs,
 * so that a facade pointed at the wrong release refuses to start with a message that says
 * what to change, instead of failing call by call.
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
	 * @throws IllegalStateException when the ERP does not match the release
	 */
	static void verify(SapHttp http, SapRelease release, Duration timeout) {
		List<String> mismatches = new ArrayList<>();
		for (SapRelease.Expectation expectation : release.expectations()) {
			String metadata;
			try {
				metadata = http.text(expectation.service(), "$metadata").block(timeout);
			}
			catch (ErpFailure.NotFound ex) {
				mismatches.add(expectation.service() + " does not exist");
				continue;
			}
			catch (RuntimeException ex) {
				LOG.warn("Could not read {}/$metadata to check the ERP release ({}); the check is skipped and calls "
						+ "will fail until the ERP answers", expectation.service(), ex.getMessage());
				return;
			}
			for (String marker : expectation.markers()) {
				if (metadata == null || !metadata.contains(marker)) {
					mismatches.add(expectation.service() + "/$metadata lacks " + marker);
				}
			}
		}
		if (!mismatches.isEmpty()) {
			throw new IllegalStateException("The ERP does not look like S/4HANA " + release.id
					+ " (millgate.erp.release): " + String.join("; ", mismatches)
					+ ". Set millgate.erp.release to the ERP's release (2020, 2022 or 2023), or "
					+ "millgate.erp.verify-metadata=false to skip this check.");
		}
		LOG.info("ERP metadata matches S/4HANA {}", release.id);
	}

}
