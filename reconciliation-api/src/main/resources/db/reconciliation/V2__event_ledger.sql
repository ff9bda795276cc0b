-- What the platform's event streams carried about production orders and shipments: one
-- row per event (its ce_id), with when it happened (ce_time) and when it reached the
-- stream (the record's timestamp), for the lineage of a production order.
CREATE TABLE reconciliation_event (
    event_id VARCHAR(200) PRIMARY KEY,
    event_type VARCHAR(200) NOT NULL,
    order_id VARCHAR(12),
    shipment_id VARCHAR(10),
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    correlation_id VARCHAR(128),
    detail VARCHAR(500)
);
CREATE INDEX reconciliation_event_order ON reconciliation_event (order_id);
CREATE INDEX reconciliation_event_shipment ON reconciliation_event (shipment_id);
CREATE INDEX reconciliation_event_published ON reconciliation_event (published_at);
