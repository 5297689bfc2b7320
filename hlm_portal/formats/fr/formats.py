# French: "30 novembre 2026, 10 h 39", its parts held together.
DATETIME_FORMAT = "j F Y, G\u00a0\\h\u00a0i"
TIME_FORMAT = "G\u00a0\\h\u00a0i"
SHORT_DATETIME_FORMAT = "j M Y, G\u00a0\\h\u00a0i"
