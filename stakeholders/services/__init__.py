"""Writes of civil-society participation, one module per step: the only code that changes state.

- ``applications``: apply, confirm the e-mail address, correct or withdraw, deadline reminders;
- ``review``: staff shortlist, reject or ask for more; approved organizations on a panel's list;
- ``proposed_lists``: the proposed list before Member States, objections, closing, final list;
- ``ecosoc``: the list of organizations in consultative status with ECOSOC.
"""
