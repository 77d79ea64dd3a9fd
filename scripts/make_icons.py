#!/usr/bin/env python3
"""Draws the app icons (a road on green: "njia" is "the way") as PNGs, with no imaging library.

Run once when the design changes; the PNGs are committed. `maskable` keeps the road inside the central 60%
so that any launcher mask leaves it whole.
"""
import struct
import sys
import zlib
from pathlib import Path

GREEN, WHITE, YELLOW, BLACK = (11, 107, 58), (255, 255, 255), (255, 205, 0), (11, 12, 12)


def road_pixel(u, v):
    """Colour at (u, v) in [0,1]^2 of the artwork, or None for background."""
    if not (0.18 <= v <= 0.86):
        return None
    t = (v - 0.18) / 0.68  # 0 at the horizon, 1 at the bottom
    half = 0.06 + 0.30 * t
    d = abs(u - 0.5)
    if d > half:
        return None
    if d > half - 0.035 - 0.02 * t:
        return WHITE  # kerb
    if d < 0.008 + 0.02 * t and int(t * 7) % 2 == 0:
        return YELLOW  # centre line
    return BLACK


def draw(size, scale):
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            u = 0.5 + ((x + 0.5) / size - 0.5) / scale
            v = 0.5 + ((y + 0.5) / size - 0.5) / scale
            row += bytes(road_pixel(u, v) or GREEN)
        rows.append(bytes(row))
    return b"".join(rows)


def png(size, pixels):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels, 9)) + chunk(b"IEND", b"")


out = Path(sys.argv[1] if len(sys.argv) > 1 else "public/icons")
for name, size, scale in [("icon-192.png", 192, 1.0), ("icon-512.png", 512, 1.0), ("icon-maskable-512.png", 512, 0.62)]:
    (out / name).write_bytes(png(size, draw(size, scale)))
