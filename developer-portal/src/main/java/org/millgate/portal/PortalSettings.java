package org.millgate.portal;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the portal ({@code millgate.portal.*}).
 *
 * @param gatewayUrl where consumers call the APIs; the reference pages name it as the
 * server and send try-it calls there
 * @param catalogDir a directory with {@code catalog.yaml} and contracts to show instead
 * of the built-in catalog (the gateway's {@code MILLGATE_CATALOG_DIR}); empty for the
 * built-in one
 * @param issuerUrl identity, where the sign-in form posts to and apps are registered
 * @param selfServicePlans plans whose subscriptions are approved at once; others wait for
 * an API owner
 * @param appsPerHour how many apps one partner may create per hour
 * @param redisUrl the Redis the gateway writes usage to; empty when there is none
 */
@ConfigurationProperties("millgate.portal")
public record PortalSettings(@DefaultValue("http://localhost:8080") URI gatewayUrl, @DefaultValue("") String catalogDir,
		@DefaultValue("http://localhost:9000") URI issuerUrl,
		@DefaultValue("partner-basic") List<String> selfServicePlans, @DefaultValue("10") int appsPerHour,
		@DefaultValue("") String redisUrl) {

}
