-- record.fields and record_history.fields: from a JSON object by field name
-- to a JSON array by position in the record's layout, so that the names are
-- not stored again in every row. In `record`, a value its own column gives
-- back exactly (decision number, authority and its USCC, decision date,
-- valid until, amounts) is null in the array. content_hash is the SHA-256
-- of the array with every value in place. The rows are rewritten by the
-- migration's code (records::store_fields_by_position); see
-- src/records/fields.rs for the format.
SELECT 1;
