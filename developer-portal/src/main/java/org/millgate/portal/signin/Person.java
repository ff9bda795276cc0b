package org.millgate.portal.signin;

import java.util.List;

/**
 * The signed-in person as the portal sees them, whichever provider signed them in.
 *
 * @param name the user name (the ID token's {@code preferred_username}, else its subject)
 * @param partnerId the partner, or null for someone of no partner
 * @param roles portal roles only: {@code partner}, {@code api-owner}, {@code operations}
 */
public record Person(String name, String partnerId, List<String> roles) {

	public Person {
		roles = List.copyOf(roles);
	}

}
