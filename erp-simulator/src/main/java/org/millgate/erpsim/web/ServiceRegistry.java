package org.millgate.erpsim.web;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.millgate.erpsim.service.ODataService;

/**
 * The services of the running release, found by request path.
 */
public final class ServiceRegistry {

	private final List<ODataService> services;

	public ServiceRegistry(List<ODataService> services) {
		// Longest path first, so that no service root shadows a longer one.
		this.services = services.stream()
			.sorted(Comparator.comparing((ODataService service) -> service.path().length()).reversed())
			.toList();
	}

	/**
	 * The service a raw request path belongs to.
	 * @param rawPath the request path, percent-encoded, e.g.
	 * {@code /sap/opu/odata/sap/API_OUTBOUND_DELIVERY_SRV;v=0002/A_OutbDeliveryHeader}
	 * @return the service, or empty
	 */
	public Optional<ODataService> find(String rawPath) {
		return this.services.stream()
			.filter((service) -> rawPath.equals(service.path()) || rawPath.startsWith(service.path() + "/"))
			.findFirst();
	}

	/**
	 * Every service.
	 * @return the services
	 */
	public List<ODataService> all() {
		return this.services;
	}

}
