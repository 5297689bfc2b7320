"""Pages of the meetings domain, one module per subject.

- ``public``: the meeting list, a meeting and its segments, documents, iCal, programme PDF,
  invitation answers;
- ``resolutions``: a resolution's public page; a delegation's input on a draft, silence, and
  the compilation of input;
- ``side_events``: a side event's public page and notice; a delegation's registration,
  the organizers' edit and registrations pages and exports.
"""
