-- What an approved subscription grants is kept with the subscription (issue 17, finding 3),
-- no longer merged into its app: the plants the API owner granted with it, and the scopes
-- approved (all of the product's, or its read scope only). The app's client at identity
-- carries what its approved subscriptions grant; see the README for the rule.
ALTER TABLE portal_subscription ADD COLUMN plants VARCHAR(200) NOT NULL DEFAULT '';
-- space separated; NULL for an approval made before scopes were recorded: it granted every
-- scope of its product, and still does
ALTER TABLE portal_subscription ADD COLUMN scopes VARCHAR(500);

-- Until now a token carried its app's plants with every approved product. Each approved
-- subscription keeps them, so that no token changes with this migration; an API owner may
-- replace them on the subscription page.
UPDATE portal_subscription
   SET plants = (SELECT a.plants FROM portal_app a WHERE a.id = portal_subscription.app_id)
 WHERE state = 'APPROVED';
ALTER TABLE portal_app DROP COLUMN plants;
