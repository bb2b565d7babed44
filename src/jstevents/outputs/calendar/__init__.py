"""iCalendar files: events and deadlines for Outlook, Google, Apple and Thunderbird."""
