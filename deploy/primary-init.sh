#!/usr/bin/env bash
# First start of the primary (docker-compose.yml): the replica's role, its slot and its
# line in pg_hba.conf. Runs once, as the image's entrypoint runs initdb scripts.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD}';
SELECT pg_create_physical_replication_slot('replica');
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
