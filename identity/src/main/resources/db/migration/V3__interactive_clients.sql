-- Clients that sign users in (the developer portal): the authorization-code grant with
-- PKCE, to these redirect URIs (space-separated). Empty for machine clients.
ALTER TABLE api_client ADD COLUMN redirect_uris VARCHAR(2000);
