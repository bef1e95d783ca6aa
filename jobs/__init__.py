"""Scheduled work: the APScheduler set-up and the jobs it runs (reminders come with issue 5)."""
