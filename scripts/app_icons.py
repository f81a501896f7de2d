"""Draw the web app's PNG icons from the favicon's design (src/immerse/static/immerse/favicon.svg):
a dark rounded square with two overlapping circles, the white one and the blue one.

    .venv/bin/python scripts/app_icons.py     # rewrites src/immerse/static/immerse/icons/*.png

Pillow comes with reportlab (a runtime dependency); each icon is drawn 4x larger and scaled
down, for smooth edges. "maskable" icons fill the whole square and keep the circles inside
the central 80 % that every launcher's mask leaves visible.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "src" / "immerse" / "static" / "immerse" / "icons"
INK, BLUE, WHITE = (0x1D, 0x24, 0x33), (0x0B, 0x5C, 0xAD), (0xFF, 0xFF, 0xFF)
SUPERSAMPLE = 4


def icon(size: int, *, maskable: bool) -> Image.Image:
    """The favicon's 32-unit design at ``size`` px (maskable: full bleed, content at 80 %)."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=INK)
        scale, offset = big * 0.8 / 32, big * 0.1
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 6 / 32, fill=INK)
        scale, offset = big / 32, 0.0
    for cx, colour, alpha in ((11, WHITE, 255), (21, BLUE, 230)):
        layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
        x, y, r = offset + cx * scale, offset + 16 * scale, 5 * scale
        ImageDraw.Draw(layer).ellipse((x - r, y - r, x + r, y + r), fill=(*colour, alpha))
        image = Image.alpha_composite(image, layer)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        icon(size, maskable=False).save(OUT / f"icon-{size}.png", optimize=True)
        icon(size, maskable=True).save(OUT / f"maskable-{size}.png", optimize=True)
    # iOS draws its own rounded corners and ignores transparency: full bleed.
    icon(180, maskable=True).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)
    for path in sorted(OUT.glob("*.png")):
        print(path.relative_to(OUT.parents[4]), f"{path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
