"""A QR code as inline SVG: no image files, no network.

Its own module, outside ``swc_core.serve``: a dashboard's kernel draws the
room link's code, and importing the serve package would pull Voilà's server
side (jupyter_server, jsonschema) into every kernel.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=8)
def qr_svg(url: str) -> str:
    """An inline SVG QR code for ``url``."""
    import qrcode
    from qrcode.image.svg import SvgPathImage

    code = qrcode.QRCode(border=2, image_factory=SvgPathImage, box_size=10)
    code.add_data(url)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    return (
        svg[svg.index("<svg") :] if "<svg" in svg else svg
    )  # drop the XML declaration for inline use
