"""Small plots without a plotting library: text sparklines for the terminal, line charts as PNG.

The PNG is written by hand (zlib-compressed RGB scanlines in the three chunks every PNG needs), so the
benchmarks need no matplotlib. A chart is a stack of panels, each a series drawn as a line over shaded
time bands, with an optional dashed horizontal limit; its labels live in the caption around it.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

BLOCKS = "▁▂▃▄▅▆▇█"
Color = tuple[int, int, int]


def sparkline(values: Sequence[float], width: int = 60, top: float | None = None) -> str:
    """`values` resampled to `width` characters (the maximum of each bucket), scaled to `top`.

    >>> sparkline([0, 1, 2, 3, 4, 5, 6, 7], width=8)
    '▁▂▃▄▅▆▇█'
    >>> sparkline([], width=4)
    ''
    """
    if not values:
        return ""
    n = len(values)
    edges = [i * n // width for i in range(width + 1)] if n > width else list(range(n + 1))
    buckets = [max(values[a:b]) for a, b in pairwise(edges) if b > a]
    scale = top if top is not None else max(buckets)
    if scale <= 0:
        return BLOCKS[0] * len(buckets)
    return "".join(BLOCKS[min(len(BLOCKS) - 1, int(v / scale * (len(BLOCKS) - 1) + 0.5))] for v in buckets)


@dataclass(frozen=True)
class Panel:
    """One series over time: (t, value) points, drawn from 0 to `top`, with an optional limit line."""

    points: Sequence[tuple[float, float]]
    color: Color
    top: float
    limit: float | None = None


def write_png(path: Path, width: int, height: int, pixels: list[bytearray]) -> None:
    """Write RGB rows (`height` bytearrays of 3 × `width` bytes) as a PNG file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(row) for row in pixels)  # filter type 0 on every scanline
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def chart(
    path: Path,
    panels: Sequence[Panel],
    duration: float,
    bands: Sequence[tuple[float, float, Color]] = (),
    size: tuple[int, int] = (800, 160),
) -> None:
    """Stack `panels` (each `size`) into one PNG; `bands` shade time spans (start, end, color) behind them."""
    width, panel_h = size
    pad = 8
    height = len(panels) * (panel_h + pad) + pad
    pixels = [bytearray(b"\xff" * (3 * width)) for _ in range(height)]

    def put(x: int, y: int, color: Color) -> None:
        if 0 <= x < width and 0 <= y < height:
            pixels[y][3 * x : 3 * x + 3] = bytes(color)

    def x_of(t: float) -> int:
        return int(t / duration * (width - 1)) if duration > 0 else 0

    for index, panel in enumerate(panels):
        top_y = pad + index * (panel_h + pad)
        bottom_y = top_y + panel_h - 1

        def y_of(value: float, bottom_y: int = bottom_y, panel: Panel = panel) -> int:
            share = max(0.0, min(1.0, value / panel.top)) if panel.top > 0 else 0.0
            return bottom_y - int(share * (panel_h - 1))

        for start, end, color in bands:
            for x in range(x_of(start), x_of(end) + 1):
                for y in range(top_y, bottom_y + 1):
                    put(x, y, color)
        for x in range(width):
            put(x, bottom_y, (120, 120, 120))
            put(x, top_y, (220, 220, 220))
        if panel.limit is not None:
            y = y_of(panel.limit)
            for x in range(0, width, 8):
                for dx in range(4):
                    put(x + dx, y, (200, 30, 30))
        previous: tuple[int, int] | None = None
        for t, value in panel.points:
            point = (x_of(t), y_of(value))
            if previous is not None:
                _line(previous, point, panel.color, put)
            previous = point
    write_png(path, width, height, pixels)


def _line(a: tuple[int, int], b: tuple[int, int], color: Color, put: object) -> None:
    """A 2-pixel-thick straight line from a to b (Bresenham)."""
    assert callable(put)
    (x0, y0), (x1, y1) = a, b
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    while True:
        put(x0, y0, color)
        put(x0, y0 + 1, color)
        if x0 == x1 and y0 == y1:
            return
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy
