/**
 * The OData protocol as SAP Gateway serves it: system query options, key predicates,
 * value formats of v2 and v4, JSON envelopes, {@code $metadata} documents and error
 * bodies. Knows nothing of production orders or stock: it works on the definitions of
 * {@code org.millgate.erpsim.service} and the rows of {@code org.millgate.erpsim.data}.
 */
package org.millgate.erpsim.odata;
