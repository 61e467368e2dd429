-- What the service learns of a CRM belongs to the account it learnt it from (issue 22): the contact ids the CRM gave
-- and what the service last synced to each contact. Pointed at another account (or at a sandbox that forgot), the
-- service starts afresh for it instead of believing tags and lists are already there. A person's ids and email
-- (directory_identities) are the calls' own knowledge and stay shared.
CREATE TABLE crm_contacts (
    account        text        NOT NULL,  -- CrmAccount: the CRM's API address and account, never a key
    email          text        NOT NULL,
    crm_contact_id text        NOT NULL,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (account, email)
);
CREATE INDEX crm_contacts_contact_idx ON crm_contacts (account, crm_contact_id);
CREATE INDEX crm_contacts_email_idx ON crm_contacts (email);

-- Ids learnt before this version have no account: '' until the first start adopts them for the account it delivers
-- to (the one they were learnt from, unless the upgrade also changed the account; a built-in sandbox adopts none).
INSERT INTO crm_contacts (account, email, crm_contact_id, updated_at)
SELECT DISTINCT ON (email) '', email, crm_contact_id, updated_at
FROM directory_identities WHERE crm_contact_id IS NOT NULL
ORDER BY email, updated_at DESC;
ALTER TABLE directory_identities DROP COLUMN crm_contact_id;

ALTER TABLE contact_sync_states ADD COLUMN account text NOT NULL DEFAULT '';
ALTER TABLE contact_sync_states ALTER COLUMN account DROP DEFAULT;
ALTER TABLE contact_sync_states DROP CONSTRAINT contact_sync_states_pkey;
ALTER TABLE contact_sync_states ADD PRIMARY KEY (account, crm_contact_id);
CREATE INDEX contact_sync_states_email_idx ON contact_sync_states (email);
