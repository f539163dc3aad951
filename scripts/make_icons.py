"""Draw the app's home-screen icons (a barbell on the brand colour) as PNG files.

No image library: the icon is a few rectangles, and a PNG is a zlib stream of rows.
Run from the repository root: .venv/bin/python scripts/make_icons.py
"""

import struct
import zlib
from pathlib import Path

BRAND = (0x16, 0x32, 0x4F)
WHITE = (0xFF, 0xFF, 0xFF)
ICONS = Path(__file__).resolve().parent.parent / "static" / "icons"

# Rectangles as fractions of the side: (left, top, right, bottom). All within the
# central 80 % that a maskable icon keeps whatever shape the phone cuts it to.
BARBELL = [
    (0.16, 0.475, 0.84, 0.525),  # the bar
    (0.25, 0.29, 0.31, 0.71),  # outer plates
    (0.69, 0.29, 0.75, 0.71),
    (0.32, 0.35, 0.37, 0.65),  # inner plates
    (0.63, 0.35, 0.68, 0.65),
]


def pixel(x: float, y: float) -> tuple[int, int, int]:
    for left, top, right, bottom in BARBELL:
        if left <= x < right and top <= y < bottom:
            return WHITE
    return BRAND


def png(side: int) -> bytes:
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel((x + 0.5) / side, (y + 0.5) / side)) for x in range(side))
        for y in range(side)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    ICONS.mkdir(parents=True, exist_ok=True)
    for name, side in [("icon-192.png", 192), ("icon-512.png", 512), ("apple-touch-icon.png", 180)]:
        (ICONS / name).write_bytes(png(side))
        print(ICONS / name)
