#!/usr/bin/env python3
"""Writes uk-sample.xml: the designations of uk-sample.csv in the FCDO UK Sanctions List XML layout
(root <Designations>, <DateGenerated>, one <Designation> per Unique ID with its names, addresses and
individual details as child elements; element names as described in FORMATS.md, section 2).
Standard library only. `python3 make-uk-xml-sample.py --check` rebuilds it and compares with the file."""
import csv, io, sys, os
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

def build():
    with open(os.path.join(HERE, "uk-sample.csv"), encoding="utf-8") as f:
        first = f.readline()
        report = first.split(":", 1)[1].strip()          # 10-Feb-2026
        rows = list(csv.DictReader(f))
    months = {m: i + 1 for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())}
    d, mon, y = report.split("-")
    generated = "%02d/%02d/%s" % (int(d), months[mon], y)
    by_id = {}
    for r in rows:
        by_id.setdefault(r["Unique ID"], []).append(r)
    out = io.StringIO()
    w = out.write
    w('<?xml version="1.0" encoding="utf-8"?>\n<Designations>\n  <DateGenerated>%s</DateGenerated>\n' % generated)
    def el(indent, tag, value):
        if value:
            w("%s<%s>%s</%s>\n" % (" " * indent, tag, escape(value), tag))
    for uid, rs in by_id.items():
        r0 = rs[0]
        w("  <Designation>\n")
        el(4, "LastUpdated", r0["Last Updated"])
        el(4, "DateDesignated", r0["Date Designated"])
        el(4, "UniqueID", uid)
        el(4, "OFSIGroupID", r0["OFSI Group ID"])
        el(4, "UNReferenceNumber", r0["UN Reference Number"])
        w("    <Names>\n")
        seen = []
        for r in rs:
            key = tuple(r["Name %d" % i] for i in range(1, 7)) + (r["Name type"],)
            if key in seen:
                continue
            seen.append(key)
            w("      <Name>\n")
            for i in range(1, 7):
                el(8, "Name%d" % i, r["Name %d" % i])
            el(8, "NameType", r["Name type"])
            w("      </Name>\n")
        w("    </Names>\n")
        scripts = []
        for r in rs:
            if r["Name non-latin script"] and r["Name non-latin script"] not in scripts:
                scripts.append(r["Name non-latin script"])
        if scripts:
            w("    <NonLatinNames>\n")
            for s in scripts:
                w("      <NonLatinName>\n")
                el(8, "NameNonLatinScript", s)
                el(8, "NonLatinScriptLanguage", r0["Non-latin script language"])
                w("      </NonLatinName>\n")
            w("    </NonLatinNames>\n")
        el(4, "RegimeName", r0["Regime Name"])
        el(4, "IndividualEntityShip", r0["Designation Type"])
        el(4, "DesignationSource", r0["Designation source"])
        el(4, "SanctionsImposed", r0["Sanctions Imposed"])
        el(4, "OtherInformation", r0["Other Information"])
        el(4, "UKStatementofReasons", r0["UK Statement of Reasons"])
        addresses = []
        for r in rs:
            a = tuple(r["Address Line %d" % i] for i in range(1, 7)) + (r["Address Postal Code"], r["Address Country"])
            if any(a) and a not in addresses:
                addresses.append(a)
        if addresses:
            w("    <Addresses>\n")
            for a in addresses:
                w("      <Address>\n")
                for i in range(6):
                    el(8, "AddressLine%d" % (i + 1), a[i])
                el(8, "AddressPostalCode", a[6])
                el(8, "AddressCountry", a[7])
                w("      </Address>\n")
            w("    </Addresses>\n")
        if r0["Designation Type"] == "Individual":
            w("    <IndividualDetails>\n      <Individual>\n")
            if r0["D.O.B"]:
                w("        <DOBs>\n")
                for dob in r0["D.O.B"].split("|"):
                    el(10, "DOB", dob)
                w("        </DOBs>\n")
            if r0["Nationality(/ies)"]:
                w("        <Nationalities>\n")
                for n in r0["Nationality(/ies)"].split("|"):
                    el(10, "Nationality", n)
                w("        </Nationalities>\n")
            if r0["Town of birth"] or r0["Country of birth"]:
                w("        <BirthDetails>\n          <Location>\n")
                el(12, "TownOfBirth", r0["Town of birth"])
                el(12, "CountryOfBirth", r0["Country of birth"])
                w("          </Location>\n        </BirthDetails>\n")
            w("      </Individual>\n    </IndividualDetails>\n")
        w("  </Designation>\n")
    w("</Designations>\n")
    return out.getvalue()

if __name__ == "__main__":
    text = build()
    path = os.path.join(HERE, "uk-sample.xml")
    if "--check" in sys.argv:
        with open(path, encoding="utf-8") as f:
            sys.exit(0 if f.read() == text else "uk-sample.xml differs from what uk-sample.csv gives")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
