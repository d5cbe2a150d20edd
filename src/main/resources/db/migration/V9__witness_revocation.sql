-- A core member's witness key can be revoked by the member itself (a statement signed with its enrolled key): from
-- then on its cosignatures count for no checkpoint. The row stays, with when and by whom it was revoked.
ALTER TABLE audit_witness_keys ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE audit_witness_keys ADD COLUMN revoked_by VARCHAR(200);
