package org.millgate.contracts.access;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Where an issuer's access tokens say who calls: which claims carry the client, its
 * scopes, plants, partner and plan. Millgate's own identity service uses
 * {@link #STANDARD}; an enterprise identity provider is mapped by configuration, e.g.
 * Keycloak ({@code azp}, {@code scope}, a {@code plants} mapper), Microsoft Entra ID
 * ({@code azp}, app roles in {@code roles} translated to scopes, plants from
 * {@code groups}), Okta ({@code cid}, {@code scp}). Bound from configuration (every
 * argument may be left out: null is the standard claim), e.g. under an issuer's
 * {@code claims}.
 */
public final class ClaimMapping {

	/** The claims of Millgate's identity service. */
	public static final ClaimMapping STANDARD = new ClaimMapping(List.of("client_id", "sub"), List.of("scope"),
			Map.of(), "plants", null, "partner_id", "plan", "");

	private final List<String> clientId;

	private final List<String> scopes;

	private final Map<String, String> scopeValues;

	private final String plants;

	private final Pattern plantPattern;

	private final String partner;

	private final String plan;

	private final String clientPrefix;

	/**
	 * A mapping.
	 * @param clientId the claims naming the client, the first present wins (e.g.
	 * {@code client_id, azp, sub})
	 * @param scopes the claims whose values are granted scopes (a list or a
	 * space-separated text), all of them together (e.g. {@code scope}, {@code scp},
	 * {@code roles})
	 * @param scopeValues a claim value to the Millgate scope it grants (e.g. an Entra app
	 * role {@code Inventory.Read} to {@code inventory:read}); when given, only the values
	 * listed grant scopes (a group or role that happens to be named like a scope grants
	 * nothing); when empty, each value is the scope of its own name
	 * @param plants the claim listing the plants the caller may see
	 * @param plantPattern a regular expression with one group picking the plant out of
	 * each value of the plants claim (e.g. {@code /plants/(\d{4})} for groups), values
	 * that do not match granting nothing; null or blank to take each value as a plant
	 * @param partner the claim naming the partner a client acts for
	 * @param plan the claim naming the client's plan; blank for none (the default plan)
	 * @param clientPrefix put before every client id of this issuer (e.g. {@code sso/}),
	 * so that its clients are never taken for another issuer's of the same name in
	 * idempotency keys, the ERP's dedupe, throttling and usage; blank for none
	 * (Millgate's own)
	 * @throws IllegalArgumentException when a claim name is blank or the pattern is not a
	 * regular expression with one group
	 */
	public ClaimMapping(List<String> clientId, List<String> scopes, Map<String, String> scopeValues, String plants,
			String plantPattern, String partner, String plan, String clientPrefix) {
		// what is not given (null: not configured) is the standard claim
		this.clientId = names("client-id", (clientId != null) ? clientId : List.of("client_id", "sub"));
		this.scopes = names("scopes", (scopes != null) ? scopes : List.of("scope"));
		this.scopeValues = (scopeValues != null) ? Map.copyOf(scopeValues) : Map.of();
		this.plants = required("plants", (plants != null) ? plants : "plants");
		this.plantPattern = pattern(plantPattern);
		this.partner = required("partner", (partner != null) ? partner : "partner_id");
		this.plan = (plan != null) ? plan.strip() : "plan";
		this.clientPrefix = (clientPrefix != null) ? clientPrefix.strip() : "";
	}

	private static List<String> names(String what, List<String> names) {
		List<String> cleaned = (names != null)
				? names.stream().filter((name) -> name != null && !name.isBlank()).map(String::strip).toList()
				: List.of();
		if (cleaned.isEmpty()) {
			throw new IllegalArgumentException("The claim mapping needs at least one claim for " + what);
		}
		return cleaned;
	}

	private static String required(String what, String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("The claim mapping needs the claim for " + what);
		}
		return name.strip();
	}

	private static Pattern pattern(String regex) {
		if (regex == null || regex.isBlank()) {
			return null;
		}
		try {
			Pattern compiled = Pattern.compile(regex);
			if (compiled.matcher("").groupCount() != 1) {
				throw new IllegalArgumentException(
						"The plant pattern '" + regex + "' needs exactly one group: the plant");
			}
			return compiled;
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException("The plant pattern '" + regex + "' is no regular expression", ex);
		}
	}

	/**
	 * Reads the claims of a verified token.
	 * @param claims the token's claims
	 * @param defaultPlan the plan of a token that names none
	 * @return the caller
	 */
	public Caller caller(Map<String, Object> claims, String defaultPlan) {
		String client = this.clientId.stream()
			.map((name) -> text(claims.get(name)))
			.flatMap(Optional::stream)
			.findFirst()
			.map((named) -> this.clientPrefix + named)
			.orElse(Caller.NO_CLIENT);
		Object plantClaim = claims.get(this.plants);
		Set<String> plantValues = plants(plantClaim);
		boolean limited = (this.plantPattern == null) ? plantClaim != null : !plantValues.isEmpty();
		String named = this.plan.isEmpty() ? null : text(claims.get(this.plan)).orElse(null);
		return new Caller(text(claims.get("iss")).orElse("-"), client, (named != null) ? named : defaultPlan,
				text(claims.get(this.partner)).orElse(null), plantValues, limited, scopes(claims));
	}

	/**
	 * The scopes a token grants, by this mapping.
	 * @param claims the token's claims
	 * @return the scopes
	 */
	public Set<String> scopes(Map<String, Object> claims) {
		Set<String> granted = new LinkedHashSet<>();
		for (String name : this.scopes) {
			for (String value : values(claims.get(name))) {
				String scope = this.scopeValues.isEmpty() ? value : this.scopeValues.get(value);
				if (scope != null) {
					granted.add(scope);
				}
			}
		}
		return granted;
	}

	private Set<String> plants(Object claim) {
		Set<String> values = values(claim);
		if (this.plantPattern == null) {
			return values;
		}
		Set<String> plants = new LinkedHashSet<>();
		for (String value : values) {
			Matcher matcher = this.plantPattern.matcher(value);
			if (matcher.matches() && matcher.group(1) != null && !matcher.group(1).isBlank()) {
				plants.add(matcher.group(1));
			}
		}
		return plants;
	}

	static Optional<String> text(Object claim) {
		return (claim != null && !String.valueOf(claim).isBlank()) ? Optional.of(String.valueOf(claim))
				: Optional.empty();
	}

	// a list, or a space-separated text; any other shape grants nothing
	static Set<String> values(Object claim) {
		Set<String> values = new LinkedHashSet<>();
		if (claim instanceof Collection<?> list) {
			list.forEach((value) -> values.add(String.valueOf(value)));
		}
		else if (claim instanceof String text && !text.isBlank()) {
			values.addAll(List.of(text.trim().split("\\s+")));
		}
		return values;
	}

	@Override
	public String toString() {
		return "ClaimMapping[client-id=" + this.clientId + ", scopes=" + this.scopes + ", scope-values="
				+ this.scopeValues.keySet() + ", plants=" + this.plants
				+ ((this.plantPattern != null) ? " matching " + this.plantPattern : "") + ", partner=" + this.partner
				+ ", plan=" + (this.plan.isEmpty() ? "(default)" : this.plan)
				+ (this.clientPrefix.isEmpty() ? "" : ", client-prefix=" + this.clientPrefix) + "]";
	}

}
