"""No public secret signs media links, and no link outlives what this server signs (issue 19 item 7)."""

from __future__ import annotations

import time

from config.settings import DEFAULT_SECRET
from storage.signing import signed_query, signed_url

KEY = "derived/r1/poster.jpg"


def _store(api) -> None:
    api.store.put_bytes(KEY, b"\xff\xd8\xff" + b"x" * 10, "image/jpeg")


def test_a_link_forged_with_the_old_public_default_is_refused(api):
    _store(api)
    assert api.settings.secret_key != DEFAULT_SECRET
    forged = api.client.get(signed_url(DEFAULT_SECRET, KEY, 3600))
    assert forged.status_code == 403 and forged.json()["error"]["code"] == "media.link_invalid"
    assert api.client.get(api.store.presign_get(KEY, 60)).status_code == 200


def test_a_never_expiring_link_is_refused_even_when_signed(api):
    _store(api)
    century = signed_url(api.settings.secret_key, KEY, 100 * 365 * 24 * 3600)
    refused = api.client.get(century)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "media.link_invalid"
    longest = signed_url(api.settings.secret_key, KEY, api.settings.max_link_lifetime_s - 5)
    assert api.client.get(longest).status_code == 200, "the longest link this server makes still works"


def test_a_link_without_expiry_is_refused(api):
    _store(api)
    signature = signed_query(api.settings.secret_key, KEY, 60).split("signature=")[1]
    response = api.client.get(f"/api/media/{KEY}?signature={signature}")
    assert response.status_code == 422 and response.json()["error"]["code"] == "request.invalid"


def test_a_playback_link_beyond_the_lifetime_is_refused(api):
    far = int(time.time()) + 10 * 365 * 24 * 3600
    query = signed_query(api.settings.secret_key, "playback:r1/hls/master.m3u8", far - int(time.time()))
    response = api.client.get(f"/api/playback/r1/hls/master.m3u8?{query}")
    assert response.status_code == 403 and response.json()["error"]["code"] == "media.link_invalid"
