package org.millgate.erpsim.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The faults currently injected, per service id.
 */
public final class Faults {

	private final Map<String, FaultSettings> byService = new ConcurrentHashMap<>();

	public FaultSettings of(String serviceId) {
		return this.byService.getOrDefault(serviceId, FaultSettings.NONE);
	}

	public void set(String serviceId, FaultSettings settings) {
		this.byService.put(serviceId, settings.validated());
	}

	public void clear(String serviceId) {
		this.byService.remove(serviceId);
	}

	public void clearAll() {
		this.byService.clear();
	}

	public Map<String, FaultSettings> all() {
		return new TreeMap<>(this.byService);
	}

}
