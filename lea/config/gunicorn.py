"""gunicorn's configuration for production: `gunicorn lea.config.wsgi -c lea/config/gunicorn.py`.

Every setting comes from an environment variable with a default sized for a small server
(2 cores). A request spends most of its time in Python, rendering, not waiting on PostgreSQL
(its queries take a few milliseconds): processes serve it in parallel, threads of one process
take turns. On 2 cores under `benchmark belasting` (20 users, national dataset) 4 processes of
one thread served 39 requests a second, 3 processes of 4 threads 30-33. So: two processes per
core, one thread each; gthread keeps the browser's connection open between requests (sync
does not). PDFs and large imports are made by the Celery worker, not in a web request, so no
request holds a process for long and the timeout can stay short.

| variable | default | meaning |
|---|---|---|
| LEA_WEB_BIND | 0.0.0.0:8000 | address and port |
| LEA_WEB_WORKERS | twice the number of cores | processes |
| LEA_WEB_THREADS | 1 | threads per process |
| LEA_WEB_WORKER_CLASS | gthread | gunicorn worker class (sync, gthread) |
| LEA_WEB_TIMEOUT | 30 | seconds before a silent worker is restarted |
| LEA_WEB_MAX_REQUESTS | 2000 | requests after which a process is replaced (with jitter) |
"""

import os

from lea.config.env import env_int, env_str

_kernen = os.cpu_count() or 1

bind = env_str("LEA_WEB_BIND", "0.0.0.0:8000")
workers = env_int("LEA_WEB_WORKERS", 2 * _kernen, minimum=1, maximum=64)
threads = env_int("LEA_WEB_THREADS", 1, minimum=1, maximum=64)
worker_class = env_str("LEA_WEB_WORKER_CLASS", "gthread")
if worker_class not in ("sync", "gthread"):
    raise SystemExit(f"LEA_WEB_WORKER_CLASS={worker_class!r}: gebruik sync of gthread.")
timeout = env_int("LEA_WEB_TIMEOUT", 30, minimum=5, maximum=600)
graceful_timeout = timeout
keepalive = 5
max_requests = env_int("LEA_WEB_MAX_REQUESTS", 2000, minimum=0, maximum=1_000_000)
max_requests_jitter = max_requests // 10
# Load the application once in the master: workers start faster and share its memory.
# Django opens database connections lazily, per thread, after the fork.
preload_app = True
accesslog = "-"
# Behind a reverse proxy: trust its X-Forwarded-* only from the addresses in this variable.
forwarded_allow_ips = env_str("LEA_WEB_PROXY_ADRESSEN", "127.0.0.1")
