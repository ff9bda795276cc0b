/**
 * Who signed in to the portal: where people sign in (Millgate's identity by default, or
 * the company's own OpenID provider such as Keycloak, Microsoft Entra ID or Okta), and
 * how an ID token's claims name their portal roles and their partner. Kept apart from the
 * registrar, which registers the apps' clients at Millgate's identity whichever provider
 * signs people in.
 */
package org.millgate.portal.signin;
