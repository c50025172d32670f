"""Draw the app icons (PNG, no dependencies): a white sphere with an orbit on blue.

Run from frontend/: python3 scripts/make_icons.py. The PNGs are committed; rerun only
to change the design. Maskable icons keep the drawing inside the central safe zone.
"""

import struct
import zlib
from pathlib import Path

BLUE = (24, 100, 171)
WHITE = (255, 255, 255)
LIGHT = (165, 216, 255)


def _pixel(x: float, y: float, scale: float) -> tuple[int, int, int]:
    """The colour at (x, y) in a unit square centred on 0."""
    r = (x * x + y * y) ** 0.5
    along = (x * 0.94 + y * 0.34) / 0.42
    across = (y * 0.94 - x * 0.34) / 0.13
    ring = abs(along**2 + across**2 - 1)
    if r < 0.27 * scale:
        return WHITE
    if ring < 0.12 and r < 0.46 * scale / 0.8:
        return LIGHT
    return BLUE


def png(size: int, scale: float) -> bytes:
    """A size x size RGB PNG of the icon; `scale` shrinks the drawing (maskable)."""
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            x = (i + 0.5) / size - 0.5
            y = (j + 0.5) / size - 0.5
            row.extend(_pixel(x / scale, y / scale, 1.0))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def main() -> None:
    """Write the icons into public/."""
    out = Path("public")
    for name, size, scale in [
        ("pwa-192x192.png", 192, 1.0),
        ("pwa-512x512.png", 512, 1.0),
        ("maskable-512x512.png", 512, 0.8),
        ("apple-touch-icon.png", 180, 0.9),
    ]:
        (out / name).write_bytes(png(size, scale))


if __name__ == "__main__":
    main()
