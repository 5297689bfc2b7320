"""Writes of the meetings domain, one module per subject: the only code that changes state.

- ``delegations``: reference data (States, groups, observers) and focal points' accounts;
- ``meetings``: a meeting's status; concluding past meetings;
- ``resolutions``: drafts, paragraphs, Member States' input, revisions, silence, adoption;
- ``modalities``: setting a meeting up from what its modalities resolution decides;
- ``side_events``: co-sponsors, registrations of attendance, the waiting list, reminders;
- ``mailings``: letters generated for a mailing, sent, answered;
- ``outbox``: every automatic e-mail, queued in the database and delivered by a worker;
- ``programme``: programme versions generated from the data;
- ``journal``: announcements sent to the editors of the Journal of the United Nations.

Views, admin and tasks call these; they never write models themselves.
"""
