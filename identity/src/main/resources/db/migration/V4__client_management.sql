-- Rotating and revoking registered clients (the developer portal's apps).
-- A rotation raises the generation; tokens carry it, and the gateway refuses tokens of an
-- older generation. A revoked client is deleted and remembered here, so the gateway
-- refuses its tokens until they expire.
ALTER TABLE api_client ADD COLUMN credential_generation INTEGER NOT NULL DEFAULT 0;

CREATE TABLE revoked_client (
    client_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    revoked_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
