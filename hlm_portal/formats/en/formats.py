# The UN's English: "30 November 2026, 10.39 a.m.".
DATETIME_FORMAT = "j F Y, g.i\u00a0a"
TIME_FORMAT = "g.i\u00a0a"
SHORT_DATETIME_FORMAT = "j M Y, g.i\u00a0a"
