/**
 * What every HTTP edge of Millgate shares, the gateway's policies and the product
 * services alike, so that each rule has one meaning: problem answers of the documented
 * types, correlation ids and trace parents, decoded request paths. Framework code here is
 * Spring WebFlux only; no Spring Boot, no security.
 */
package org.millgate.web;
