"""Staff admin of the meetings domain, one module per subject (as in ``models`` and ``services``).

Status changes and other writes go through the services, as on the site.
"""

from meetings.admin import delegations, journal, mailings, meetings, resolutions, side_events

__all__ = ["delegations", "journal", "mailings", "meetings", "resolutions", "side_events"]
