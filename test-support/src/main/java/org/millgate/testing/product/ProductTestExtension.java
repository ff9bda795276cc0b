package org.millgate.testing.product;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.millgate.testing.TestTokens;
import org.millgate.testing.erp.ErpSimulator;

/**
 * Starts what a {@link ProductTest} talks to before its Spring context is made: the
 * tokens' key set and, where the module has it, the ERP simulator; their URLs reach the
 * context as system properties.
 */
final class ProductTestExtension implements BeforeAllCallback {

	static final String ISSUER = TestTokens.ISSUER;

	static final String JWK_SET_URI_PROPERTY = "millgate.test.jwk-set-uri";

	private static final String SIMULATOR = "org.millgate.erpsim.ErpSimulatorApplication";

	@Override
	public void beforeAll(ExtensionContext context) {
		System.setProperty(JWK_SET_URI_PROPERTY, TestTokens.get().jwkSetUri());
		if (isPresent(SIMULATOR)) {
			ErpSimulator.shared();
		}
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, ProductTestExtension.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

}
