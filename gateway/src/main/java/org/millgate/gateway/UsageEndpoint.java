package org.millgate.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import org.millgate.policies.observability.UsageLedger;

/**
 * {@code /actuator/usage}: each client's calls per product version counted by this
 * instance since it started, for the developer portal when there is no Redis (with Redis,
 * the portal reads the totals of all instances there). Guarded like every management
 * endpoint beyond health.
 */
@Endpoint(id = "usage")
class UsageEndpoint {

	private final UsageLedger ledger;

	UsageEndpoint(UsageLedger ledger) {
		this.ledger = ledger;
	}

	@ReadOperation
	List<Map<String, Object>> usage() {
		return this.ledger.totals().stream().map(UsageEndpoint::fields).toList();
	}

	// the field names of the Redis hashes (RedisUsageSink)
	private static Map<String, Object> fields(UsageLedger.Counts counts) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("product", counts.key().product());
		fields.put("version", counts.key().version());
		fields.put("client", counts.key().client());
		fields.put("requests", counts.requests());
		fields.put("4xx", counts.clientErrors());
		fields.put("429", counts.throttled());
		fields.put("5xx", counts.serverErrors());
		for (int i = 0; i < counts.buckets().length; i++) {
			fields.put("b" + i, counts.buckets()[i]);
		}
		fields.put("last", counts.lastCall());
		return fields;
	}

}
