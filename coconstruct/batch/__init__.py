"""Many answers files at once: inputs, shards and the manifest (plan.py), watched worker
processes (workers.py), files read one by one for `export` and `synthesis` (reading.py).

May import `report`, `history`, `model`, `language`, `errors`."""
