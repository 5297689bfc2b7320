"""Sessions kept in the database and read from the cache.

Django's ``cached_db`` store, for which the cache is a copy that may be missing: every
request of a signed-in delegation reads its session, and the cache answers that read without
a query. Django's store already survives an unreachable cache when it writes a session; this
one also reads, checks and deletes sessions in the database alone while Redis is down, so an
outage of the cache signs nobody in or out wrongly and fails no request.
"""

import logging

from django.contrib.sessions.backends import cached_db

logger = logging.getLogger("django.contrib.sessions")


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            logger.warning("Could not read session from the cache (%s)", self._cache)
            return self._load_from_db(keep=False)
        return self._load_from_db(keep=True) if data is None else data

    def _load_from_db(self, *, keep: bool) -> dict:
        session = self._get_session_from_db()
        if not session:
            return {}
        data = self.decode(session.session_data)
        if keep:
            try:
                self._cache.set(
                    self.cache_key, data, self.get_expiry_age(expiry=session.expire_date)
                )
            except Exception:
                logger.warning("Could not keep session in the cache (%s)", self._cache)
        return data

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except Exception:  # the cache out of reach: the database answers alone
            return bool(session_key) and super(cached_db.SessionStore, self).exists(session_key)

    def delete(self, session_key=None):
        try:
            super().delete(session_key)
        except Exception:
            # Deleted from the database (first): the next read of the cache that fails or
            # misses finds no session there either.
            logger.exception("Could not delete session from the cache (%s)", self._cache)
