package org.millgate.contracts.tools.compat;

/**
 * What changed. Whether it breaks depends on the kind and, for schemas, on whether the
 * schema describes a request (it must keep accepting what it accepted) or a response (it
 * must keep to what it promised).
 */
public enum ChangeKind {

	/** A path was added. */
	PATH_ADDED,

	/** A path was removed. */
	PATH_REMOVED,

	/** An operation was added to a path. */
	OPERATION_ADDED,

	/** An operation was removed from a path. */
	OPERATION_REMOVED,

	/** The scopes an operation requires changed. */
	SCOPE_CHANGED,

	/** A parameter was added. */
	PARAMETER_ADDED,

	/** A parameter was removed. */
	PARAMETER_REMOVED,

	/** A parameter became required. */
	PARAMETER_REQUIRED,

	/** A parameter became optional. */
	PARAMETER_OPTIONAL,

	/** A request body was added. */
	REQUEST_BODY_ADDED,

	/** A request body was removed. */
	REQUEST_BODY_REMOVED,

	/** A request body became required. */
	REQUEST_BODY_REQUIRED,

	/** A response code was added. */
	RESPONSE_ADDED,

	/** A response code was removed. */
	RESPONSE_REMOVED,

	/** A media type was added to a request body or response. */
	MEDIA_TYPE_ADDED,

	/** A media type was removed from a request body or response. */
	MEDIA_TYPE_REMOVED,

	/** A response header was added. */
	HEADER_ADDED,

	/** A response header was removed. */
	HEADER_REMOVED,

	/** A response header stopped being always present. */
	HEADER_OPTIONAL,

	/** A property was added to a schema. */
	PROPERTY_ADDED,

	/** A property was removed from a schema. */
	PROPERTY_REMOVED,

	/** A property became required. */
	PROPERTY_REQUIRED,

	/** A property became optional. */
	PROPERTY_OPTIONAL,

	/** A schema's type changed. */
	TYPE_CHANGED,

	/** A schema's format changed. */
	FORMAT_CHANGED,

	/** An enum lost values, or a schema gained an enum. */
	ENUM_NARROWED,

	/** An enum gained values, or a schema lost its enum. */
	ENUM_WIDENED,

	/** A constraint (length, range, count, pattern, nullability) admits fewer values. */
	CONSTRAINT_NARROWED,

	/** A constraint admits more values. */
	CONSTRAINT_WIDENED,

	/** A composition (allOf, oneOf, anyOf) changed in a way the checker cannot judge. */
	COMPOSITION_CHANGED,

	/**
	 * An event product's topic changed: consumers subscribed to the old one hear nothing.
	 */
	TOPIC_CHANGED,

	/** An event type is no longer published: its consumers hear nothing. */
	MESSAGE_REMOVED,

	/** A new event type: consumers ignore what they do not know. */
	MESSAGE_ADDED

}
