package org.millgate.portal.webhooks;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The body a webhook delivers for an event read from Kafka, as the portal sends it: the
 * CloudEvent in structured JSON with its data exactly as published. Public for the
 * verification of partners' webhook pacts against the events the change feed really
 * publishes.
 */
public final class WebhookBodies {

	/** The media type of a delivery's body. */
	public static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

	private WebhookBodies() {
	}

	/**
	 * The body of a delivery of an event.
	 * @param record the event as Kafka holds it (CloudEvents in binary mode)
	 * @return the body
	 * @throws IllegalArgumentException when the record is no event a webhook carries
	 */
	public static String of(ConsumerRecord<String, String> record) {
		try {
			return ReceivedEvent.of(record).body();
		}
		catch (ReceivedEvent.Unreadable unreadable) {
			throw new IllegalArgumentException(unreadable.getMessage(), unreadable);
		}
	}

}
