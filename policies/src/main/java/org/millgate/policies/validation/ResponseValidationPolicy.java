package org.millgate.policies.validation;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.cloud.gateway.filter.GatewayFilter;

import org.millgate.policies.core.AbstractRoutePolicy;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.RouteConfigs;
import org.millgate.web.Problems;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#RESPONSE_VALIDATION}: the product's
 * response checked against the contract of the called version, in mode {@code enforce}
 * (withheld, 502 {@value #RESPONSE_INVALID}), {@code report} (passed through, counted in
 * {@code millgate.gateway.response.violations} and logged; at most so many responses a
 * second are checked per route, the rest pass unchecked) or {@code off}. Configuration:
 * {@link Config}, per version. Failure code: {@value #RESPONSE_INVALID} (502).
 */
public final class ResponseValidationPolicy extends AbstractRoutePolicy<ResponseValidationPolicy.Config> {

	public static final String ID = "response-validation";

	/** 502: the product's response breaks the contract, or is too large to check. */
	public static final String RESPONSE_INVALID = "response.invalid";

	private final Problems problems;

	private final MeterRegistry meters;

	/**
	 * The policy.
	 * @param configs the configuration of each route
	 * @param problems problem answers
	 * @param meters where violations are counted
	 */
	public ResponseValidationPolicy(RouteConfigs<Config> configs, Problems problems, MeterRegistry meters) {
		super(ID, PolicyOrder.RESPONSE_VALIDATION, configs);
		this.problems = problems;
		this.meters = meters;
	}

	@Override
	protected GatewayFilter filter(ApiRoute route, Config config) {
		Counter violations = Counter.builder("millgate.gateway.response.violations")
			.description("Product responses that broke their contract")
			.tag("product", route.productId())
			.tag("version", route.versionName())
			.tag("mode", config.mode().name().toLowerCase(Locale.ROOT))
			.register(this.meters);
		ResponseCheck check = new ResponseCheck(route, config.mode(), new CheckBudget(config.reportChecksPerSecond()),
				violations, this.problems);
		return check::filter;
	}

	/**
	 * Configuration of {@value #ID} for a version.
	 *
	 * @param mode what is done with a response that breaks the contract
	 * @param reportChecksPerSecond in {@code report} mode, how many responses a second
	 * the route checks (the rest pass unchecked); {@code enforce} checks every one
	 */
	public record Config(ResponseValidationMode mode, int reportChecksPerSecond) {

	}

}
