"""Every write of monitoring, in two modules so that no two modules import each other:

- `rapporten`: the work itself — making a requested report (run by the worker), the January
  drafts, the reminders until the account is adopted, and the account's status.
- `aanvragen`: what a user asks for — a report, or a retry — recorded and queued after commit.

`aanvragen` imports the task it queues; `tasks` imports `rapporten`. This package therefore
re-exports nothing: importing `aanvragen` here would make `tasks` import itself through it.
"""
