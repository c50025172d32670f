"""Headers of the web app's files (the Vite build served from `WEB_APP_DIR`).

Plain Python with no Django import, so `settings.py` can hand `add_headers` to
whitenoise (`WHITENOISE_ADD_HEADERS_FUNCTION`).
"""

from wsgiref.headers import Headers

# Vite's hashed build files: `assets/<name>-<hash>.<ext>`, the hash 8+ characters of
# [A-Za-z0-9_-]. Their content never changes under a name: cached for good.
IMMUTABLE_ASSET = r"^/assets/.+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$"
# Every other file of the app (index.html, sw.js, the manifest, icons) is asked again
# on each use, so a new deployment is seen at once.
REVALIDATE = "no-cache"
# Mantine injects a <style> tag: inline styles only, never inline scripts.
APP_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; "
    "manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
APP_PAGE_HEADERS = {
    "Content-Security-Policy": APP_CSP,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}
STATIC_PREFIX = "/static/"


def add_headers(headers: Headers, path: str, url: str) -> None:
    """whitenoise's hook for each file: the app's files that are not hashed assets
    are revalidated on every use, and its HTML pages carry the app's security
    headers. Django's own static files (`/static/`) keep whitenoise's headers."""
    if url.startswith(STATIC_PREFIX):
        return
    if "immutable" not in (headers.get("Cache-Control") or ""):
        headers["Cache-Control"] = REVALIDATE
    if path.endswith(".html"):
        for name, value in APP_PAGE_HEADERS.items():
            headers[name] = value
