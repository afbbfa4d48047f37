"""LEA: the project package. `lea.config` is the wiring (settings, urls, Celery, wsgi) and the
only part that names the apps built on the core; everything else in `lea` is the core domain."""
