package org.millgate.erpsim.odata;

import org.millgate.erpsim.service.Action;
import org.millgate.erpsim.service.EntitySet;
import org.millgate.erpsim.service.Navigation;
import org.millgate.erpsim.service.ODataService;
import org.millgate.erpsim.service.Property;

/**
 * Writes a service's {@code $metadata} document (EDMX): v1.0 with an EDM 2008 schema for
 * OData v2 services, v4.0 for OData v4, so that a client can check which release it talks
 * to.
 */
public final class MetadataWriter {

	private MetadataWriter() {
	}

	/**
	 * The metadata document of a service.
	 * @param service the service
	 * @return the EDMX XML
	 */
	public static String write(ODataService service) {
		return (service.version() == ODataVersion.V2) ? v2(service) : v4(service);
	}

	private static String v2(ODataService service) {
		StringBuilder xml = new StringBuilder();
		xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
			.append("<edmx:Edmx Version=\"1.0\" xmlns:edmx=\"http://schemas.microsoft.com/ado/2007/06/edmx\"")
			.append(" xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\"")
			.append(" xmlns:sap=\"http://www.sap.com/Protocols/SAPData\">\n")
			.append(" <edmx:DataServices m:DataServiceVersion=\"2.0\">\n")
			.append("  <Schema Namespace=\"")
			.append(service.namespace())
			.append("\" xml:lang=\"en\" sap:schema-version=\"1\"")
			.append(" xmlns=\"http://schemas.microsoft.com/ado/2008/09/edm\">\n");
		for (EntitySet set : service.entitySets()) {
			entityType(xml, set, service, true);
		}
		xml.append("   <EntityContainer Name=\"")
			.append(service.namespace())
			.append("_Entities\" m:IsDefaultEntityContainer=\"true\">\n");
		for (EntitySet set : service.entitySets()) {
			xml.append("    <EntitySet Name=\"")
				.append(set.name())
				.append("\" EntityType=\"")
				.append(service.namespace())
				.append('.')
				.append(set.entityType())
				.append("\" sap:creatable=\"")
				.append(set.writable())
				.append("\"/>\n");
		}
		for (Action action : service.actions()) {
			xml.append("    <FunctionImport Name=\"").append(action.name()).append("\" m:HttpMethod=\"POST\">\n");
			for (Property parameter : action.parameters()) {
				xml.append("     <Parameter Name=\"")
					.append(parameter.name())
					.append("\" Type=\"")
					.append(parameter.type().edmName())
					.append("\" Mode=\"In\"/>\n");
			}
			xml.append("    </FunctionImport>\n");
		}
		xml.append("   </EntityContainer>\n  </Schema>\n </edmx:DataServices>\n</edmx:Edmx>\n");
		return xml.toString();
	}

	private static String v4(ODataService service) {
		StringBuilder xml = new StringBuilder();
		xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
			.append("<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n")
			.append(" <edmx:DataServices>\n  <Schema Namespace=\"")
			.append(service.namespace())
			.append("\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n");
		for (EntitySet set : service.entitySets()) {
			entityType(xml, set, service, false);
		}
		xml.append("   <EntityContainer Name=\"Container\">\n");
		for (EntitySet set : service.entitySets()) {
			xml.append("    <EntitySet Name=\"")
				.append(set.name())
				.append("\" EntityType=\"")
				.append(service.namespace())
				.append('.')
				.append(set.entityType())
				.append("\"/>\n");
		}
		xml.append("   </EntityContainer>\n  </Schema>\n </edmx:DataServices>\n</edmx:Edmx>\n");
		return xml.toString();
	}

	private static void entityType(StringBuilder xml, EntitySet set, ODataService service, boolean v2) {
		xml.append("   <EntityType Name=\"").append(set.entityType()).append("\">\n    <Key>\n");
		for (Property key : set.keys()) {
			xml.append("     <PropertyRef Name=\"").append(key.name()).append("\"/>\n");
		}
		xml.append("    </Key>\n");
		for (Property property : set.properties()) {
			xml.append("    <Property Name=\"")
				.append(property.name())
				.append("\" Type=\"")
				.append(property.type().edmName())
				.append('"');
			if (property.key()) {
				xml.append(" Nullable=\"false\"");
			}
			if (property.maxLength() > 0) {
				xml.append(" MaxLength=\"").append(property.maxLength()).append('"');
			}
			if (property.type() == EdmType.DECIMAL) {
				xml.append(" Precision=\"")
					.append(property.precision())
					.append("\" Scale=\"")
					.append(property.scale())
					.append('"');
			}
			xml.append("/>\n");
		}
		for (Navigation navigation : set.navigations()) {
			String target = service.entitySet(navigation.target()).orElseThrow().entityType();
			if (v2) {
				xml.append("    <NavigationProperty Name=\"")
					.append(navigation.name())
					.append("\" ToRole=\"")
					.append(target)
					.append("\" FromRole=\"")
					.append(set.entityType())
					.append("\"/>\n");
			}
			else {
				xml.append("    <NavigationProperty Name=\"")
					.append(navigation.name())
					.append("\" Type=\"Collection(")
					.append(service.namespace())
					.append('.')
					.append(target)
					.append(")\"/>\n");
			}
		}
		xml.append("   </EntityType>\n");
	}

}
