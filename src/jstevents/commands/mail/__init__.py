"""The mail-out: recipients, the dry run's outbox, SMTP delivery and the send journal."""
