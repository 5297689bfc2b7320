"""Civil-society applications and the non-objection procedure (see the civil-society issue)."""
