"""Make templates/reference.pptx: the layouts and theme of the restitution deck
(`python tools/reference_deck.py`).

python-pptx's own default deck, turned 16:9 (its layouts moved to the wider slide), with the
house look of roadmap.css: Source Serif 4 titles and Inter text (both shipped with coconstruct
under the SIL Open Font License; where they are not installed the viewer substitutes its own),
the roadmap's colours as the theme's (accent 1 teal for resources, 2 terracotta for needs, 3 blue
for public money, 4 ochre for private money, 5 green for earned income), titles left-aligned in
deep teal under a thin teal rule. Consultants brand the deck by changing the theme and the
layouts in PowerPoint or Impress and saving it as reference.pptx in their templates folder;
this script is only how ours was made.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

from pptx import Presentation
from pptx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
WIDE, HIGH = 12192000, 6858000  # 13.33 × 7.5 in
COLOURS = {
    "dk1": "1C2430",
    "lt1": "FFFFFF",
    "dk2": "12413F",
    "lt2": "F3F1EC",
    "accent1": "1F7A80",
    "accent2": "D1543A",
    "accent3": "2F5D8C",
    "accent4": "D99A2B",
    "accent5": "3E8E63",
    "accent6": "6F4E98",
    "hlink": "1F7A80",
    "folHlink": "5D6675",
}
TITLES, TEXT = "Source Serif 4", "Inter"
RULE = (
    '<p:sp><p:nvSpPr><p:cNvPr id="90" name="Rule"/><p:cNvSpPr/><p:nvPr userDrawn="1"/>'
    '</p:nvSpPr><p:spPr><a:xfrm><a:off x="609600" y="228600"/><a:ext cx="{width}" '
    'cy="45720"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>'
    '<a:schemeClr val="accent1"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>'
)


def main() -> None:
    prs = Presentation()
    factor = WIDE / prs.slide_width
    prs.slide_width, prs.slide_height = WIDE, HIGH
    for part in (prs.slide_master, *prs.slide_layouts):
        for shape in part.shapes:
            for xfrm in shape.element.xpath("./p:spPr/a:xfrm"):  # placed by itself, not inherited
                off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
                off.set("x", str(round(int(off.get("x")) * factor)))
                ext.set("cx", str(round(int(ext.get("cx")) * factor)))
    buffer = BytesIO()
    prs.save(buffer)
    (ROOT / "templates" / "reference.pptx").write_bytes(restyle(buffer.getvalue()))


def restyle(package: bytes) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(package)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            data = old.read(info)
            if info.filename == "ppt/theme/theme1.xml":
                data = theme(data.decode()).encode()
            elif info.filename == "ppt/slideMasters/slideMaster1.xml":
                data = master(data.decode()).encode()
            elif info.filename == "ppt/slideLayouts/slideLayout1.xml":
                data = cover(data.decode()).encode()
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b'<Default Extension="jpeg" ContentType="image/jpeg"/>', b"")
            elif info.filename == "_rels/.rels":
                data = re.sub(rb"<Relationship [^>]*thumbnail[^>]*/>", b"", data)
            fixed = zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            new.writestr(fixed, data)
    return out.getvalue()


def theme(xml: str) -> str:
    for name, colour in COLOURS.items():
        xml = re.sub(
            rf"<a:{name}>.*?</a:{name}>",
            f'<a:{name}><a:srgbClr val="{colour}"/></a:{name}>',
            xml,
            count=1,
            flags=re.S,
        )
    xml = xml.replace('name="Office Theme"', 'name="coconstruct"')
    xml = re.sub(r'(<a:majorFont><a:latin typeface=")[^"]*', rf"\g<1>{TITLES}", xml, count=1)
    return re.sub(r'(<a:minorFont><a:latin typeface=")[^"]*', rf"\g<1>{TEXT}", xml, count=1)


def cover(xml: str) -> str:
    """The title slide's subtitle under its title, left-aligned as the title is."""
    xml = xml.replace('algn="ctr"', 'algn="l"')
    return xml.replace(
        '<a:off x="1828800" y="3886200"/><a:ext cx="8534400"',
        '<a:off x="914400" y="3700000"/><a:ext cx="10363200"',
    )


def master(xml: str) -> str:
    title = re.search(r"<p:titleStyle>.*?</p:titleStyle>", xml, re.S)
    assert title is not None
    style = title[0].replace('algn="ctr"', 'algn="l"').replace('sz="4400"', 'sz="3000"')
    style = style.replace('<a:schemeClr val="tx1"/>', '<a:schemeClr val="tx2"/>')
    xml = xml.replace(title[0], style)
    rule = RULE.format(width=WIDE - 2 * 609600)
    return xml.replace("</p:spTree>", rule + "</p:spTree>", 1)


if __name__ == "__main__":
    main()
