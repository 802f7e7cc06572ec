"""Ordered schema steps: `NNNN_name.sql`, applied by `foia_assist.storage.database`.

Each file takes the database from schema NNNN-1 to NNNN in one transaction. A released
step is never edited; change the schema with a new file and a fixture in tests/fixtures/db/.
"""
