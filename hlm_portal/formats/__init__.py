"""How the admin and any datetime printed without a format read a moment: as each language
writes a time (the UN's "10.39 a.m."; French "10 h 39"), not "10:39" (``FORMAT_MODULE_PATH``).
Pages choose their own formats (``meetings/formatting.py``)."""
