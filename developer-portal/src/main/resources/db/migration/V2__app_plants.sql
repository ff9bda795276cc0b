-- The plants an API owner grants an app when approving a product that is limited by plant
-- (production orders, inventory); space separated; its tokens carry them as `plants`.
ALTER TABLE portal_app ADD COLUMN plants VARCHAR(200) NOT NULL DEFAULT '';
