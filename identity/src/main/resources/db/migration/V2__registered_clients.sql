-- Clients registered through OpenID Connect Dynamic Client Registration (the portal):
-- not configured, so a restart keeps them; the name the registrar gave them.
ALTER TABLE api_client ADD COLUMN client_name VARCHAR(200);
