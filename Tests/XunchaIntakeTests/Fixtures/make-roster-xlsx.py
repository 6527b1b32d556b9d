#!/usr/bin/env python3
"""Writes the XLSX roster fixtures: the parts Excel writes (workbook, rels, shared strings with a
phonetic run, a sheet whose empty cells are left out, a number cell, an inline string), and
broken ones: a truncated zip, a workbook without worksheets, a sheet that is not XML."""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名册" sheetId="1" r:id="rId3"/><sheet name="说明" sheetId="2" r:id="rId4"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""
STRINGS = ["县财政局巡察对象名册", "序号", "姓名", "单位", "职务", "别名", "王建国", "县财政局", "党组书记、局长", "老王、王局", "李红梅", "财务股股长"]


def shared_strings():
    items = []
    for s in STRINGS:
        if s == "王建国":  # a rich-text string with a phonetic run, as Japanese/Chinese Excel may write
            items.append('<si><r><t>王</t></r><r><t>建国</t></r><rPh sb="0" eb="1"><t>wang</t></rPh></si>')
        else:
            items.append("<si><t>%s</t></si>" % s)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
            % (len(STRINGS), len(STRINGS), "".join(items)))


def s(ref, text):
    return '<c r="%s" t="s"><v>%d</v></c>' % (ref, STRINGS.index(text))


SHEET = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         + '<row r="1">' + s("A1", "县财政局巡察对象名册") + "</row>"
         + '<row r="2">' + s("A2", "序号") + s("B2", "姓名") + s("C2", "单位") + s("D2", "职务") + s("E2", "别名") + "</row>"
         + '<row r="3"><c r="A3"><v>1</v></c>' + s("B3", "王建国") + s("C3", "县财政局") + s("D3", "党组书记、局长") + s("E3", "老王、王局") + "</row>"
         # C4 left out: an empty cell Excel does not write; the post is an inline string.
         + '<row r="5"><c r="A5"><v>2</v></c>' + s("B5", "李红梅") + '<c r="D5" t="inlineStr"><is><t>财务股股长</t></is></c></row>'
         + "</sheetData></worksheet>")
OTHER_SHEET = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row></sheetData></worksheet>'


def write(name, parts):
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        for path, text in parts:
            z.writestr(path, text)


good = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS), ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS), ("xl/sharedStrings.xml", shared_strings()),
        ("xl/worksheets/sheet2.xml", SHEET), ("xl/worksheets/sheet1.xml", OTHER_SHEET)]
write("roster.xlsx", good)
with open(os.path.join(HERE, "roster.xlsx"), "rb") as f:
    data = f.read()
with open(os.path.join(HERE, "roster-truncated.xlsx"), "wb") as f:
    f.write(data[: len(data) // 2])
write("roster-no-sheet.xlsx", [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS)])
write("roster-bad-xml.xlsx", [("[Content_Types].xml", CONTENT_TYPES), ("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>")])
