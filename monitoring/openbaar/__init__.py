"""The public, read-only view of a published agenda at /openbaar/<slug>/."""
