"""Signed media URLs of the local store: they work without a session, expire, resist tampering."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from storage.signing import signed_url


def test_signed_url_serves_the_object_with_ranges(api):
    api.store.put_bytes("derived/r1/poster.jpg", b"\xff\xd8\xff" + b"x" * 100, "image/jpeg")
    url = api.store.presign_get("derived/r1/poster.jpg", 60)
    whole = api.client.get(url)
    assert whole.status_code == 200 and whole.headers["content-type"] == "image/jpeg" and len(whole.content) == 103
    part = api.client.get(url, headers={"Range": "bytes=0-2"})
    assert part.status_code == 206 and part.content == b"\xff\xd8\xff"


def test_tampered_or_expired_links_are_refused(api):
    api.store.put_bytes("derived/r1/a.vtt", b"WEBVTT\n", "text/vtt")
    api.store.put_bytes("derived/r2/b.vtt", b"WEBVTT\n", "text/vtt")
    url = api.store.presign_get("derived/r1/a.vtt", 60)
    query = parse_qs(urlsplit(url).query)
    other_key = f"/api/media/derived/r2/b.vtt?expires={query['expires'][0]}&signature={query['signature'][0]}"
    refused = api.client.get(other_key)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "media.link_invalid"
    expired = signed_url(api.settings.secret_key, "derived/r1/a.vtt", -10)
    assert api.client.get(expired).status_code == 403
    assert api.client.get(signed_url("wrong-secret", "derived/r1/a.vtt", 60)).status_code == 403
    missing = signed_url(api.settings.secret_key, "derived/r9/none.vtt", 60)
    assert api.client.get(missing).status_code == 404
    assert api.client.get(url).status_code == 200
