"""Views of monitoring: `rapportage` (reports and the yearly account), `cijfers` (budget and
indicators), `panelen` (the panel monitoring adds to the agenda dashboard)."""
