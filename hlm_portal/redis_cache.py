"""The cache backend: Django's Redis cache, with one Redis client per connection pool.

Django's ``RedisCacheClient`` makes a new ``redis.Redis`` for every operation, and its
constructor copies some 170 response callbacks: half the CPU of a cache read. A served page
reads the cache three times and an inscription writes it three times, so the client is made
once per pool and kept (redis-py's clients are safe to share; each pool hands out its own
connections and starts afresh in a forked process).
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _KeptClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def set_many(self, data, timeout):
        """Keys that never expire are set by one ``MSET``, which Redis runs atomically, and not
        by Django's pipeline of a transaction around it (the pages' versions, at every write)."""
        if timeout is not None:
            return super().set_many(data, timeout)
        client = self.get_client(write=True)
        client.mset({key: self._serializer.dumps(value) for key, value in data.items()})


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KeptClient
