-- The reconciliation service's store: what the WMS and transport systems reported, the
-- confirmations posted through the platform (from its events), runs, mismatches with
-- their audited history, and the outbox of the mismatch events. Plain SQL that PostgreSQL
-- and H2 both take.

CREATE TABLE reconciliation_counter (
    name VARCHAR(32) PRIMARY KEY,
    counter_value BIGINT NOT NULL
);
INSERT INTO reconciliation_counter (name, counter_value) VALUES ('run', 0), ('count', 0), ('report', 0);

CREATE TABLE reconciliation_idempotency (
    client_id VARCHAR(128) NOT NULL,
    idem_key VARCHAR(128) NOT NULL,
    operation VARCHAR(32) NOT NULL,
    fingerprint VARCHAR(64) NOT NULL,
    response TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_id, idem_key)
);
CREATE INDEX reconciliation_idempotency_created ON reconciliation_idempotency (created_at);

CREATE TABLE reconciliation_stock_count (
    count_id VARCHAR(64) PRIMARY KEY,
    plant VARCHAR(4) NOT NULL,
    counted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    reporter VARCHAR(128) NOT NULL,
    positions INT NOT NULL
);
CREATE INDEX reconciliation_stock_count_plant ON reconciliation_stock_count (plant, counted_at);

CREATE TABLE reconciliation_count_position (
    count_id VARCHAR(64) NOT NULL REFERENCES reconciliation_stock_count (count_id),
    position_no INT NOT NULL,
    material VARCHAR(40) NOT NULL,
    storage_location VARCHAR(4) NOT NULL,
    batch VARCHAR(10),
    stock_status VARCHAR(16) NOT NULL,
    quantity NUMERIC(16, 3) NOT NULL,
    unit VARCHAR(3) NOT NULL,
    PRIMARY KEY (count_id, position_no)
);
CREATE INDEX reconciliation_count_position_location ON reconciliation_count_position (count_id, storage_location);

CREATE TABLE reconciliation_shipment_report (
    report_id VARCHAR(64) PRIMARY KEY,
    shipment_id VARCHAR(10) NOT NULL,
    plant VARCHAR(4) NOT NULL,
    status VARCHAR(16) NOT NULL,
    reporter_system VARCHAR(16) NOT NULL,
    reporter VARCHAR(40) NOT NULL,
    reported_at TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    client_id VARCHAR(128) NOT NULL
);
CREATE INDEX reconciliation_shipment_report_plant ON reconciliation_shipment_report (plant, reported_at);
CREATE INDEX reconciliation_shipment_report_shipment ON reconciliation_shipment_report (shipment_id, reported_at);

CREATE TABLE reconciliation_posted_confirmation (
    confirmation_id VARCHAR(19) PRIMARY KEY,
    order_id VARCHAR(12) NOT NULL,
    plant VARCHAR(4) NOT NULL,
    material VARCHAR(40) NOT NULL,
    operation VARCHAR(4) NOT NULL,
    yield_quantity NUMERIC(16, 3) NOT NULL,
    scrap_quantity NUMERIC(16, 3) NOT NULL,
    unit VARCHAR(3) NOT NULL,
    posted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    idempotency_key VARCHAR(128),
    correlation_id VARCHAR(128),
    event_source VARCHAR(128) NOT NULL
);
CREATE INDEX reconciliation_posted_confirmation_plant ON reconciliation_posted_confirmation (plant, posted_at);
CREATE INDEX reconciliation_posted_confirmation_order ON reconciliation_posted_confirmation (order_id);

CREATE TABLE reconciliation_run (
    run_id VARCHAR(64) PRIMARY KEY,
    seq BIGINT NOT NULL,
    plant VARCHAR(4) NOT NULL,
    area VARCHAR(16) NOT NULL,
    trigger_kind VARCHAR(16) NOT NULL,
    by_kind VARCHAR(8),
    by_id VARCHAR(128),
    state VARCHAR(16) NOT NULL,
    -- plant/area while the run is queued or running: one such run per plant and area
    active_key VARCHAR(32) UNIQUE,
    window_from TIMESTAMP WITH TIME ZONE NOT NULL,
    window_to TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE,
    finished_at TIMESTAMP WITH TIME ZONE,
    erp_calls INT NOT NULL,
    compared_erp INT NOT NULL,
    compared_reported INT NOT NULL,
    opened INT NOT NULL,
    still_open INT NOT NULL,
    closed INT NOT NULL,
    failure VARCHAR(1000),
    correlation_id VARCHAR(128)
);
CREATE INDEX reconciliation_run_requested ON reconciliation_run (requested_at, run_id);
CREATE INDEX reconciliation_run_state ON reconciliation_run (state, seq);

CREATE TABLE reconciliation_mismatch (
    mismatch_id VARCHAR(128) PRIMARY KEY,
    kind VARCHAR(48) NOT NULL,
    plant VARCHAR(4) NOT NULL,
    area VARCHAR(16) NOT NULL,
    subject TEXT NOT NULL,
    system_of_record VARCHAR(8) NOT NULL,
    owner_team VARCHAR(100) NOT NULL,
    owner_email VARCHAR(254) NOT NULL,
    evidence TEXT NOT NULL,
    values_digest VARCHAR(64) NOT NULL,
    accepted_digest VARCHAR(64),
    state VARCHAR(16) NOT NULL,
    resolution VARCHAR(16),
    opened_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_run_id VARCHAR(64) NOT NULL,
    revision INT NOT NULL
);
CREATE INDEX reconciliation_mismatch_open ON reconciliation_mismatch (plant, area, state);
CREATE INDEX reconciliation_mismatch_opened ON reconciliation_mismatch (opened_at, mismatch_id);

CREATE TABLE reconciliation_mismatch_history (
    mismatch_id VARCHAR(128) NOT NULL REFERENCES reconciliation_mismatch (mismatch_id),
    seq INT NOT NULL,
    state VARCHAR(16) NOT NULL,
    resolution VARCHAR(16),
    happened_at TIMESTAMP WITH TIME ZONE NOT NULL,
    by_kind VARCHAR(8) NOT NULL,
    by_id VARCHAR(128) NOT NULL,
    note VARCHAR(500),
    PRIMARY KEY (mismatch_id, seq)
);

CREATE TABLE reconciliation_run_mismatch (
    run_id VARCHAR(64) NOT NULL,
    mismatch_id VARCHAR(128) NOT NULL,
    effect VARCHAR(16) NOT NULL,
    PRIMARY KEY (run_id, mismatch_id)
);

CREATE TABLE reconciliation_outbox (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    topic VARCHAR(249) NOT NULL,
    record_key VARCHAR(200) NOT NULL,
    event_id VARCHAR(200) NOT NULL,
    event_source VARCHAR(200) NOT NULL,
    event_type VARCHAR(200) NOT NULL,
    event_subject VARCHAR(200) NOT NULL,
    event_time TIMESTAMP WITH TIME ZONE NOT NULL,
    dataschema VARCHAR(300),
    correlation_id VARCHAR(128),
    traceparent VARCHAR(55),
    data TEXT NOT NULL,
    dead_reason VARCHAR(1000),
    dead_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE reconciliation_lease (
    name VARCHAR(32) PRIMARY KEY,
    holder VARCHAR(64),
    until TIMESTAMP WITH TIME ZONE
);
INSERT INTO reconciliation_lease (name, holder, until) VALUES ('outbox', NULL, NULL), ('scheduler', NULL, NULL);
