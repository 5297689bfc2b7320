"""Speakers lists and inscriptions (see the speakers-lists issue)."""
