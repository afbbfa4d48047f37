"""gunicorn's configuration for production: `gunicorn lea.config.wsgi -c lea/config/gunicorn.py`.

Every setting comes from an environment variable with a default sized for a small server
(2 cores). Threaded workers (gthread): a request mostly waits on PostgreSQL, so a few threads
per process serve more users than sync workers, and a slow request no longer blocks a whole
process. PDFs and large imports are made by the Celery worker, not in a web request, so the
timeout can stay short.

| variable | default | meaning |
|---|---|---|
| LEA_WEB_BIND | 0.0.0.0:8000 | address and port |
| LEA_WEB_WORKERS | number of cores + 1 | processes |
| LEA_WEB_THREADS | 4 | threads per process |
| LEA_WEB_WORKER_CLASS | gthread | gunicorn worker class (sync, gthread) |
| LEA_WEB_TIMEOUT | 30 | seconds before a silent worker is restarted |
| LEA_WEB_MAX_REQUESTS | 2000 | requests after which a process is replaced (with jitter) |
"""

import os

from lea.config.env import env_int, env_str

_kernen = os.cpu_count() or 1

bind = env_str("LEA_WEB_BIND", "0.0.0.0:8000")
workers = env_int("LEA_WEB_WORKERS", _kernen + 1, minimum=1, maximum=64)
threads = env_int("LEA_WEB_THREADS", 4, minimum=1, maximum=64)
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
