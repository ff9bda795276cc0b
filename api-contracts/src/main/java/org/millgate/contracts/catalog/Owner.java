package org.millgate.contracts.catalog;

/**
 * The team that owns an API product and decides about its versions.
 *
 * @param team team name
 * @param email contact address
 */
public record Owner(String team, String email) {

}
