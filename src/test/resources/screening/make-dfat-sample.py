#!/usr/bin/env python3
"""Regenerate dfat-sample.xlsx: a small, entirely FICTIONAL copy of the layout of
DFAT's Australian Sanctions Consolidated List workbook.

Standard library only (zipfile + hand-written OOXML). Run from anywhere:

    python3 make-dfat-sample.py            # writes dfat-sample.xlsx next to this script
    python3 make-dfat-sample.py --check    # rebuilds, then reads it back and prints the rows

What is copied from the published file (see FORMATS.md for the sources):
  * one sheet, named "Consolidated List";
  * the 19 header cells, in this order;
  * one row per NAME: the primary name has reference N, each alias / original-script
    name has reference Na, Nb, ... and repeats the other columns;
  * Name Type "Primary Name" / "Alias" / "Original Script"; Alias Strength
    "Strong" / "Weak" on alias rows only;
  * Date of Birth: either a date serial in a cell formatted m/d/yyyy, a bare year as a
    plain number (General format), or free text ("05/11/1962, Approximately 1963",
    "a) 01/06/1975 b) 1976");
  * Control Date as a date serial;
  * the four measure columns as 1 / 0;
  * several addresses in one cell as "a) ... b) ...", several citizenships separated by ";".
Not established (chosen here): whether primary references are numeric or text cells
(numeric here, alias references text), the number format of Control Date (m/d/yyyy here),
any styling, column widths, docProps contents.
"""
import datetime
import os
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "dfat-sample.xlsx")
SHEET = "Consolidated List"
FIXED_ZIP_TIME = (2026, 2, 10, 0, 0, 0)  # deterministic archive bytes

HEADER = [
    "Reference", "Name of Individual or Entity", "Type", "Name Type", "Alias Strength",
    "Date of Birth", "Place of Birth", "Citizenship", "Address", "Additional Information",
    "Listing Information", "IMO Number", "Committees", "Control Date",
    "Instrument of Designation", "Targeted Financial Sanction", "Travel Ban",
    "Arms Embargo", "Maritime Restriction",
]


class D:  # a date stored as an Excel serial in a date-formatted cell
    def __init__(self, y, m, d):
        self.date = datetime.date(y, m, d)

    def serial(self):
        return (self.date - datetime.date(1899, 12, 30)).days


class N:  # a plain number in a General cell (e.g. a birth year, a primary reference)
    def __init__(self, v):
        self.v = v


RU_INSTR = "Autonomous Sanctions (Designated Persons and Entities and Declared Persons - Russia and Ukraine) Amendment (Fictional No. 1) Instrument 2026"
IR_INSTR = "Autonomous Sanctions (Designated Persons and Entities - Iran) Amendment (Fictional No. 2) Instrument 2025"
UN = "Charter of the United Nations (Sanctions) Regulations (fictional reference)"

# (reference, name, name type, alias strength) + the columns every row of the entry repeats
ENTRIES = [
    dict(ref=9001, type="Individual",
         names=[("Viktor Sergeyevich Antonov", "Primary Name", None),
                ("Victor Antonoff", "Alias", "Strong"),
                ("Виктор Сергеевич Антонов", "Original Script", None)],
         dob=D(1971, 3, 12), pob="Yekaterinburg, Russia", cit="Russia", address="Moscow, Russia",
         info="Fictional test entry. Director General of a fictional avionics company.",
         listing=RU_INSTR, imo=None, committees="Autonomous (Russia)", control=D(2026, 1, 20),
         instrument=RU_INSTR, measures=(1, 1, 0, 0)),
    dict(ref=9002, type="Individual",
         names=[("Kim Jong-su", "Primary Name", None),
                ("Gim Jeong Su", "Alias", "Strong"),
                ("Kim Chong Su", "Alias", "Weak"),
                ("김종수", "Original Script", None)],
         dob=N(1968), pob="Hamhung, Democratic People's Republic of Korea",
         cit="Democratic People's Republic of Korea",
         address="a) Potonggang District, Pyongyang, Democratic People's Republic of Korea b) Dandong, Liaoning, China",
         info="Fictional test entry. Passport no: 836000111.", listing="Listed on 30 Nov. 2016",
         imo=None, committees="1718 (DPRK)", control=D(2025, 12, 10), instrument=UN, measures=(1, 1, 0, 0)),
    dict(ref=9003, type="Entity",
         names=[("Northwind Avionics Trading Co., Ltd.", "Primary Name", None),
                ("Beifeng Hangdian Maoyi Youxian Gongsi", "Alias", "Strong"),
                ("北风航电贸易有限公司", "Original Script", None)],
         dob=None, pob=None, cit="China; Hong Kong",
         address="a) Room 1207, Block B, Haiyue Science Park, 9 Keji Road, Shenzhen, Guangdong, China b) Unit 5, 18/F, Harbourfront Commercial Centre, 22 Example Street, Kowloon, Hong Kong",
         info="Fictional test entry.", listing=RU_INSTR, imo=None, committees="Autonomous (Russia)",
         control=D(2026, 1, 20), instrument=RU_INSTR, measures=(1, 0, 0, 0)),
    dict(ref=9004, type="Individual",
         names=[("Mohammad Reza Tehrani-Far", "Primary Name", None),
                ("Mohamad Reza Tehranifar", "Alias", "Strong"),
                ("محمدرضا تهرانی فر", "Original Script", None)],
         dob="05/11/1962, Approximately 1963", pob="Isfahan, Iran", cit="Iran", address="Tehran, Iran",
         info="Fictional test entry.", listing=IR_INSTR, imo=None, committees="Autonomous (Iran)",
         control=D(2025, 9, 18), instrument=IR_INSTR, measures=(1, 1, 0, 0)),
    dict(ref=9005, type="Individual",
         names=[("Abd al-Rahman Yusuf al-Shammari", "Primary Name", None),
                ("Abdulrahman Youssef Al-Shamari", "Alias", "Strong"),
                ("Abu Yusuf", "Alias", "Weak"),
                ("عبد الرحمن يوسف الشمري", "Original Script", None)],
         dob="a) 01/06/1975 b) 1976", pob="Ha'il, Saudi Arabia", cit="Saudi Arabia; Yemen", address=None,
         info="Fictional test entry.", listing="Listed on 14 Feb. 2019",
         imo=None, committees="1267/1989/2253 (ISIL (Da'esh) and Al-Qaida)", control=D(2026, 1, 14),
         instrument=UN, measures=(1, 1, 1, 0)),
    dict(ref=9006, type="Vessel",
         names=[("SEA NOVIN", "Primary Name", None),
                ("NOVIN STAR", "Alias", "Strong")],
         dob=None, pob=None, cit=None, address=None,
         info="Fictional test entry. Crude oil tanker.", listing=IR_INSTR, imo=N(9999996),
         committees="Autonomous (Iran)", control=D(2025, 9, 18), instrument=IR_INSTR, measures=(0, 0, 0, 1)),
]


def rows():
    yield HEADER
    for e in ENTRIES:
        for i, (name, name_type, strength) in enumerate(e["names"]):
            ref = N(e["ref"]) if i == 0 else "%d%s" % (e["ref"], "abcdefghijklmnopqrstuvwxyz"[i - 1])
            yield [ref, name, e["type"], name_type, strength, e["dob"], e["pob"], e["cit"], e["address"],
                   e["info"], e["listing"], e["imo"], e["committees"], e["control"], e["instrument"],
                   *[N(m) for m in e["measures"]]]


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def build():
    strings, index = [], {}

    def sst(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    xml_rows = []
    for r, row in enumerate(rows(), start=1):
        cells = []
        for c, v in enumerate(row):
            ref = "%s%d" % (col(c), r)
            if v is None:
                continue
            if isinstance(v, D):
                cells.append('<c r="%s" s="1"><v>%d</v></c>' % (ref, v.serial()))
            elif isinstance(v, N):
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, v.v))
            else:
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, sst(str(v))))
        xml_rows.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    last = "%s%d" % (col(len(HEADER) - 1), len(xml_rows))

    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             '<dimension ref="A1:%s"/><sheetData>%s</sheetData></worksheet>' % (last, "".join(xml_rows)))
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
              % (len(strings), len(strings),
                 "".join('<si><t xml:space="preserve">%s</t></si>' % escape(s) for s in strings)))
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<numFmts count="1"><numFmt numFmtId="164" formatCode="m/d/yyyy"/></numFmts>'
              '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
              '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
              '</styleSheet>')
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<workbookPr/><sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>' % escape(SHEET))
    workbook_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                     '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                     '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                     '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                     '</Relationships>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                 '</Relationships>')
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>Fictional DFAT Consolidated List test fixture</dc:title>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-02-10T00:00:00Z</dcterms:modified>'
            '</cp:coreProperties>')
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                     '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                     '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                     '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                     '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
                     '</Types>')

    parts = [("[Content_Types].xml", content_types), ("_rels/.rels", root_rels),
             ("docProps/core.xml", core), ("xl/workbook.xml", workbook),
             ("xl/_rels/workbook.xml.rels", workbook_rels), ("xl/styles.xml", styles),
             ("xl/sharedStrings.xml", shared), ("xl/worksheets/sheet1.xml", sheet)]
    with zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return OUT


def read_back(path):
    """Independent reader (zipfile + ElementTree): returns (sheet name, rows as lists)."""
    import xml.etree.ElementTree as ET
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        for part in z.namelist():
            ET.fromstring(z.read(part))  # every part is well-formed XML
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        sheet_name = wb.find("m:sheets/m:sheet", ns).get("name")
        sst = [si.findtext("m:t", namespaces=ns) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
        xfs = ET.fromstring(z.read("xl/styles.xml")).findall("m:cellXfs/m:xf", ns)
        date_styles = {i for i, xf in enumerate(xfs) if xf.get("numFmtId") == "164"}
        out = []
        for row in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).findall("m:sheetData/m:row", ns):
            vals = [""] * len(HEADER)
            for c in row.findall("m:c", ns):
                letters = "".join(ch for ch in c.get("r") if ch.isalpha())
                idx = 0
                for ch in letters:
                    idx = idx * 26 + ord(ch) - 64
                v = c.findtext("m:v", namespaces=ns)
                if c.get("t") == "s":
                    v = sst[int(v)]
                elif int(c.get("s", "0")) in date_styles:
                    v = (datetime.date(1899, 12, 30) + datetime.timedelta(days=int(v))).isoformat()
                vals[idx - 1] = v
            out.append(vals)
    return sheet_name, out


if __name__ == "__main__":
    path = build()
    print("wrote", path)
    if "--check" in sys.argv:
        name, data = read_back(path)
        assert name == SHEET, name
        assert data[0] == HEADER, data[0]
        print("sheet:", name, "| rows (incl. header):", len(data))
        for r in data:
            print(" | ".join(r[:8]), "| control:", r[13], "| measures:", ",".join(r[15:]))
