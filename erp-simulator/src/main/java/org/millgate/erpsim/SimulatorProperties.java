package org.millgate.erpsim;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import org.millgate.erpsim.web.AuthMode;

/**
 * Settings of the ERP simulator, bound under {@code erp}.
 *
 * @param release which ERP release to play: {@code 2020}, {@code 2022} or {@code 2023}
 * ({@code --erp.release=2020})
 * @param seed the generated data
 * @param pageSize rows per page when a client sends no {@code $top}; SAP's newer services
 * page at 100 and answer a {@code __next} link
 * @param user the basic-auth user every OData request must present
 * @param password that user's password
 * @param sapClient the SAP client (mandant) the system answers for; a request naming
 * another {@code sap-client} is refused
 * @param clerk a second user: a person who works in the ERP itself rather than an
 * interface (what they enter is the ERP's own, e.g. a confirmation MES never posted)
 * @param clerkPassword that user's password
 * @param auth the logon the OData services demand: {@code basic} (basic authentication,
 * or a bearer token; the default), {@code oauth2} (bearer tokens from
 * {@code /_sim/oauth2/token} only) or {@code mtls} (a client certificate only: needs
 * HTTPS with {@code server.ssl.client-auth=need} and a {@code server.ssl.trust-store})
 */
@Validated
@ConfigurationProperties("erp")
public record SimulatorProperties(@DefaultValue("2022") @NotBlank String release, @DefaultValue @Valid Seed seed,
		@DefaultValue("100") @Min(1) @Max(5000) int pageSize, @DefaultValue("millgate") @NotBlank String user,
		@DefaultValue("millgate") @NotBlank String password,
		@DefaultValue("100") @Pattern(regexp = "[0-9]{3}") String sapClient,
		@DefaultValue("erp-clerk") @NotBlank String clerk, @DefaultValue("erp-clerk") @NotBlank String clerkPassword,
		@DefaultValue("basic") AuthMode auth) {

	/**
	 * Seed data settings.
	 *
	 * @param scale multiplies the generated orders, stock and deliveries, for load tests;
	 * the documented fixtures exist once at any scale
	 */
	public record Seed(@DefaultValue("1") @Min(1) @Max(1000) int scale) {

	}

}
