-- Runs on PostgreSQL (MILLGATE_DB_URL) and on the embedded H2 file alike.

-- Clients allowed the client-credentials grant, with the claims their tokens carry.
CREATE TABLE api_client (
    client_id   VARCHAR(64)   NOT NULL PRIMARY KEY,
    secret_hash VARCHAR(200)  NOT NULL,
    scopes      VARCHAR(1000) NOT NULL,           -- space separated
    plants      VARCHAR(1000) NOT NULL DEFAULT '', -- space separated, empty for partners
    partner_id  VARCHAR(64),
    plan        VARCHAR(64)   NOT NULL,
    configured  BOOLEAN       NOT NULL DEFAULT TRUE, -- from millgate.identity.clients
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RS256 signing keys; the highest generation signs, the highest two are published. The
-- unique generation lets exactly one of several instances rotating at once win.
CREATE TABLE signing_key (
    kid        VARCHAR(64)   NOT NULL PRIMARY KEY,
    generation INTEGER       NOT NULL UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    jwk        VARCHAR(8000) NOT NULL              -- the key pair as a JWK
);
