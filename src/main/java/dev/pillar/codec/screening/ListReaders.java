package dev.pillar.codec.screening;

import dev.pillar.codec.BadInputException;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.screening.ListEntry;
import dev.pillar.core.screening.PartyType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the restricted-party lists in their published formats (docs/screening.md):
 * <ul>
 *   <li>{@code us-csl}: the Consolidated Screening List of the US Departments of Commerce, State and the Treasury, as its
 *       JSON ({@code {"results": [...]}}) or CSV download;</li>
 *   <li>{@code uk-sanctions}: the UK Sanctions List CSV (a report-date line, then one row per name of a designation,
 *       rows of one designation sharing its Unique ID) or XML (one {@code Designation} element per designation);</li>
 *   <li>{@code au-dfat}: the DFAT Consolidated List workbook (one row per name, aliases under references such as 12a).</li>
 * </ul>
 * A file of another list than named, with a missing column or a bad value, is refused with a {@link BadInputException}
 * naming the line (or row) and the field.
 */
public final class ListReaders {
    public static final List<String> LISTS = List.of("us-csl", "uk-sanctions", "au-dfat");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final List<String> CSL_COLUMNS = List.of("_id", "source", "type", "name", "addresses", "start_date", "end_date", "alt_names");
    private static final List<String> UK_COLUMNS = List.of("Unique ID", "Name 6", "Name 1", "Name type", "Regime Name", "Designation Type",
            "Date Designated", "D.O.B", "Nationality(/ies)", "Address Country");
    private static final List<String> DFAT_COLUMNS = List.of("Reference", "Name of Individual or Entity", "Type", "Name Type", "Date of Birth",
            "Citizenship", "Address", "Listing Information", "Control Date");

    private ListReaders() {}

    /** Reads a file of {@code list}; the format (JSON, CSV or XLSX) is told by its content. */
    public static ListFile read(String list, byte[] bytes) {
        if (list == null || !LISTS.contains(list)) {
            throw new BadInputException("", "source", "'" + list + "' is not a list Pillar reads: use one of " + String.join(", ", LISTS));
        }
        if (bytes.length == 0) {
            throw new BadInputException("line 1", "file", "the file is empty");
        }
        boolean zip = bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
        String text = zip ? null : text(bytes);
        String head = text == null ? "" : text.stripLeading();
        return switch (list) {
            case "us-csl" -> {
                if (zip) {
                    throw new BadInputException("", "file", "a workbook is not the Consolidated Screening List: give its JSON or CSV download");
                }
                if (head.startsWith("<")) {
                    throw new BadInputException("line 1", "file", "an XML file is not the Consolidated Screening List: give its JSON or CSV download"
                            + (head.contains("<Designations") ? " (this looks like the UK Sanctions List XML: import it with --source uk-sanctions)" : ""));
                }
                yield head.startsWith("{") || head.startsWith("[") ? cslJson(head) : cslCsv(text);
            }
            case "uk-sanctions" -> {
                if (zip || head.startsWith("{") || head.startsWith("[")) {
                    throw new BadInputException("", "file", "the UK Sanctions List is read from its CSV or XML download");
                }
                yield head.startsWith("<") ? ukXml(bytes) : ukCsv(text);
            }
            default -> {
                if (!zip) {
                    throw new BadInputException("", "file", "the DFAT Consolidated List is read from its XLSX workbook (regulation8_consolidated.xlsx)");
                }
                yield dfat(bytes);
            }
        };
    }

    private static String text(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    // ---- Consolidated Screening List ----------------------------------------------------------------------------

    private static ListFile cslJson(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new BadInputException("line " + e.getLocation().getLineNr(), "file", "not JSON: " + e.getOriginalMessage());
        }
        JsonNode results = root.isArray() ? root : root.get("results");
        if (results == null || !results.isArray()) {
            throw new BadInputException("", "results", "a Consolidated Screening List JSON file holds its entries in \"results\" (an array)");
        }
        List<ListEntry> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            String at = "results[" + i + "]";
            for (String f : List.of("source", "name")) {
                if (r.get(f) == null || !r.get(f).isString() || r.get(f).asString().isBlank()) {
                    throw new BadInputException(at, f, "every entry of the Consolidated Screening List has a " + f);
                }
            }
            String id = firstText(r, "id", "_id", "entity_number");
            if (id == null) {
                throw new BadInputException(at, "id", "the entry has no id");
            }
            List<String> names = new ArrayList<>();
            names.add(r.get("name").asString().strip());
            names.addAll(texts(r.get("alt_names")));
            Set<String> countries = new TreeSet<>();
            JsonNode addresses = r.get("addresses");
            if (addresses != null && addresses.isArray()) {
                for (JsonNode a : addresses) {
                    addCountry(countries, a.isObject() && a.get("country") != null ? a.get("country").asString() : null);
                }
            }
            texts(r.get("nationalities")).forEach(c -> addCountry(countries, c));
            texts(r.get("citizenships")).forEach(c -> addCountry(countries, c));
            List<String> ids = new ArrayList<>();
            JsonNode idNodes = r.get("ids");
            if (idNodes != null && idNodes.isArray()) {
                for (JsonNode x : idNodes) {
                    ids.add(x.isObject() ? String.join(", ", texts(x.get("type")).stream().findFirst().orElse(""),
                            x.get("number") == null ? "" : x.get("number").asString(), x.get("country") == null ? "" : x.get("country").asString())
                            : x.asString());
                }
            }
            out.add(entry(at, "us-csl", r.get("source").asString().strip(), id, r.get("type") == null ? null : r.get("type").asString(), names,
                    countries, texts(r.get("dates_of_birth")), ids, texts(r.get("programs")), date(at, "start_date", optional(r, "start_date")),
                    date(at, "end_date", optional(r, "end_date")), String.join(" ", texts(r.get("remarks")))));
        }
        return new ListFile("us-csl", "Consolidated Screening List JSON", null, out);
    }

    private static ListFile cslCsv(String text) {
        try (CSVParser p = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            Map<String, Integer> header = p.getHeaderMap();
            requireColumns(header.keySet(), CSL_COLUMNS, "line 1", "the Consolidated Screening List CSV",
                    header.containsKey("Unique ID") || header.keySet().stream().anyMatch(k -> k.startsWith("Report Date"))
                            ? " (this looks like the UK Sanctions List: import it with --source uk-sanctions)" : "");
            List<ListEntry> out = new ArrayList<>();
            for (CSVRecord r : p) {
                String at = "line " + (r.getRecordNumber() + 1);
                requireLength(r, header, at);
                String source = required(r, "source", at);
                List<String> names = new ArrayList<>();
                names.add(required(r, "name", at));
                names.addAll(split(r.get("alt_names")));
                Set<String> countries = new TreeSet<>();
                for (String a : split(r.get("addresses"))) {
                    int comma = a.lastIndexOf(',');
                    addCountry(countries, comma < 0 ? a : a.substring(comma + 1));
                }
                split(cell(r, header, "nationalities")).forEach(c -> addCountry(countries, c));
                split(cell(r, header, "citizenships")).forEach(c -> addCountry(countries, c));
                String id = required(r, "_id", at);
                out.add(entry(at, "us-csl", source, id, r.get("type"), names, countries, split(cell(r, header, "dates_of_birth")),
                        split(cell(r, header, "ids")), split(cell(r, header, "programs")), date(at, "start_date", r.get("start_date")),
                        date(at, "end_date", r.get("end_date")), cell(r, header, "remarks")));
            }
            return new ListFile("us-csl", "Consolidated Screening List CSV", null, out);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BadInputException("", "file", "not a readable CSV file: " + e.getMessage());
        } catch (BadInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new BadInputException("line 1", "header", "not a Consolidated Screening List CSV header: " + e.getMessage());
        }
    }

    // ---- UK Sanctions List ----------------------------------------------------------------------------------------

    private static final Pattern REPORT_DATE = Pattern.compile("^\\s*\"?Report Date:\\s*([^\",\r\n]+)");

    private static ListFile ukCsv(String text) {
        LocalDate published = null;
        int skipped = 0;
        String body = text;
        Matcher m = REPORT_DATE.matcher(text);
        if (m.find()) {
            published = ukReportDate(m.group(1).strip());
            int nl = text.indexOf('\n');
            body = nl < 0 ? "" : text.substring(nl + 1);
            skipped = 1;
        }
        try (CSVParser p = CSVParser.parse(new StringReader(body), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            Map<String, Integer> header = p.getHeaderMap();
            requireColumns(header.keySet(), UK_COLUMNS, "line " + (1 + skipped), "the UK Sanctions List CSV",
                    header.containsKey("_id") ? " (this looks like the Consolidated Screening List: import it with --source us-csl)" : "");
            Map<String, Gathered> byId = new LinkedHashMap<>();
            for (CSVRecord r : p) {
                String at = "line " + (r.getRecordNumber() + 1 + skipped);
                requireLength(r, header, at);
                String id = required(r, "Unique ID", at);
                Gathered e = byId.computeIfAbsent(id, k -> new Gathered(at));
                String name = String.join(" ", nonBlank(cell(r, header, "Name 1"), cell(r, header, "Name 2"), cell(r, header, "Name 3"),
                        cell(r, header, "Name 4"), cell(r, header, "Name 5"), cell(r, header, "Name 6")));
                if (name.isBlank()) {
                    throw new BadInputException(at, "Name 6", "the row names no one (Name 1 to Name 6 are empty)");
                }
                boolean primary = r.get("Name type").strip().equalsIgnoreCase("Primary Name");
                if (primary) {
                    e.names.addFirst(name);
                } else {
                    e.names.add(name);
                }
                String script = cell(r, header, "Name non-latin script");
                if (!script.isBlank()) {
                    e.names.add(script.strip());
                }
                e.type = r.get("Designation Type");
                e.regime = r.get("Regime Name").strip();
                e.designated = e.designated != null ? e.designated : ukDate(at, "Date Designated", r.get("Date Designated"));
                for (String d : split(r.get("D.O.B"), "\\|")) {
                    String iso = ukBirth(d);
                    if (iso != null && !e.births.contains(iso)) {
                        e.births.add(iso);
                    }
                }
                split(r.get("Nationality(/ies)"), "\\|").forEach(c -> addCountry(e.countries, c));
                addCountry(e.countries, r.get("Address Country"));
                for (String s : split(cell(r, header, "Sanctions Imposed"), "\\|")) {
                    if (!e.programs.contains(s)) {
                        e.programs.add(s);
                    }
                }
                e.remarks = cell(r, header, "Other Information");
            }
            List<ListEntry> out = new ArrayList<>(byId.size());
            for (Map.Entry<String, Gathered> x : byId.entrySet()) {
                Gathered e = x.getValue();
                List<String> programs = new ArrayList<>();
                programs.add(e.regime);
                programs.addAll(e.programs);
                out.add(entry(e.at, "uk-sanctions", e.regime, x.getKey(), e.type, new ArrayList<>(new LinkedHashSet<>(e.names)), e.countries, e.births,
                        List.of(), programs, e.designated, null, e.remarks));
            }
            return new ListFile("uk-sanctions", "UK Sanctions List CSV", published, out);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BadInputException("", "file", "not a readable CSV file: " + e.getMessage());
        } catch (BadInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new BadInputException("line " + (1 + skipped), "header", "not a UK Sanctions List CSV header: " + e.getMessage());
        }
    }

    /** An element of the UK Sanctions List XML: its name, the line it starts on, its text and its child elements. */
    private record Node(String name, int line, StringBuilder text, List<Node> children) {
        String child(String n) {
            for (Node c : children) {
                if (c.name.equals(n)) {
                    return c.text.toString().strip();
                }
            }
            return "";
        }

        /** Every element named {@code n} below this one, in document order. */
        List<Node> all(String n) {
            List<Node> out = new ArrayList<>();
            collect(n, out);
            return out;
        }

        private void collect(String n, List<Node> out) {
            for (Node c : children) {
                if (c.name.equals(n)) {
                    out.add(c);
                }
                c.collect(n, out);
            }
        }
    }

    /**
     * The UK Sanctions List XML ({@code UK-Sanctions-List.xml}): a {@code Designations} root with its
     * {@code DateGenerated} and one {@code Designation} element per designation, its names ({@code Names/Name} with
     * {@code Name1}..{@code Name6} and {@code NameType}), non-Latin names, regime, type ({@code IndividualEntityShip}),
     * measures, addresses and individual details. Read as a stream, without DTDs or external entities.
     */
    private static ListFile ukXml(byte[] bytes) {
        javax.xml.stream.XMLInputFactory f = javax.xml.stream.XMLInputFactory.newFactory();
        f.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(javax.xml.stream.XMLInputFactory.IS_COALESCING, true);
        LocalDate published = null;
        List<ListEntry> out = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        javax.xml.stream.XMLStreamReader r = null;
        try {
            r = f.createXMLStreamReader(new ByteArrayInputStream(bytes));
            while (r.hasNext() && r.next() != javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                // up to the root element
            }
            if (!r.isStartElement() || !r.getLocalName().equals("Designations")) {
                String root = r.isStartElement() ? r.getLocalName() : "none";
                throw new BadInputException("line " + r.getLocation().getLineNumber(), "Designations",
                        "not the UK Sanctions List XML: its root element is " + root + ", not Designations");
            }
            java.util.ArrayDeque<Node> open = new java.util.ArrayDeque<>();
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                    Node n = new Node(r.getLocalName(), r.getLocation().getLineNumber(), new StringBuilder(), new ArrayList<>());
                    if (!open.isEmpty()) {
                        open.peek().children.add(n);
                    }
                    open.push(n);
                } else if (ev == javax.xml.stream.XMLStreamConstants.CHARACTERS || ev == javax.xml.stream.XMLStreamConstants.CDATA) {
                    if (!open.isEmpty()) {
                        open.peek().text.append(r.getText());
                    }
                } else if (ev == javax.xml.stream.XMLStreamConstants.END_ELEMENT && !open.isEmpty()) {
                    Node n = open.pop();
                    if (open.isEmpty()) {
                        if (n.name.equals("DateGenerated")) {
                            published = ukGenerated("line " + n.line, n.text.toString().strip());
                        } else if (n.name.equals("Designation")) {
                            ListEntry e = ukDesignation(n);
                            if (!ids.add(e.id())) {
                                throw new BadInputException("line " + n.line, "UniqueID", "'" + e.id() + "' is the id of an earlier designation");
                            }
                            out.add(e);
                        }
                    }
                }
            }
        } catch (javax.xml.stream.XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            throw new BadInputException(line > 0 ? "line " + line : "", "file", "not well-formed XML: " + e.getMessage().replaceAll("\\s+", " "));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (javax.xml.stream.XMLStreamException e) {
                    // nothing to release
                }
            }
        }
        return new ListFile("uk-sanctions", "UK Sanctions List XML", published, out);
    }

    private static ListEntry ukDesignation(Node d) {
        String at = "line " + d.line;
        String id = d.child("UniqueID");
        if (id.isEmpty()) {
            throw new BadInputException(at, "UniqueID", "is empty: every designation has a UniqueID");
        }
        String type = d.child("IndividualEntityShip");
        if (type.isEmpty()) {
            throw new BadInputException(at, "IndividualEntityShip", "is empty for " + id + ": Individual, Entity or Ship");
        }
        List<String> names = new ArrayList<>();
        for (Node n : d.all("Name")) {
            String name = String.join(" ", nonBlank(n.child("Name1"), n.child("Name2"), n.child("Name3"), n.child("Name4"), n.child("Name5"),
                    n.child("Name6")));
            if (name.isBlank()) {
                continue;
            }
            if (n.child("NameType").equalsIgnoreCase("Primary Name")) {
                names.addFirst(name);
            } else {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new BadInputException(at, "Names", id + " has no name (Name1 to Name6 are empty in every Name)");
        }
        for (Node n : d.all("NameNonLatinScript")) {
            String script = n.text.toString().strip();
            if (!script.isEmpty()) {
                names.add(script);
            }
        }
        Set<String> countries = new TreeSet<>();
        d.all("Nationality").forEach(n -> addCountry(countries, n.text.toString()));
        d.all("AddressCountry").forEach(n -> addCountry(countries, n.text.toString()));
        List<String> births = new ArrayList<>();
        for (Node n : d.all("DOB")) {
            String iso = ukBirth(n.text.toString());
            if (iso != null && !births.contains(iso)) {
                births.add(iso);
            }
        }
        String regime = d.child("RegimeName");
        List<String> programs = new ArrayList<>();
        if (!regime.isEmpty()) {
            programs.add(regime);
        }
        for (String s : split(d.child("SanctionsImposed"), "\\|")) {
            if (!programs.contains(s)) {
                programs.add(s);
            }
        }
        return entry(at, "uk-sanctions", regime, id, type, new ArrayList<>(new LinkedHashSet<>(names)), countries, births, List.of(), programs,
                ukDate(at, "DateDesignated", d.child("DateDesignated")), null, d.child("OtherInformation"));
    }

    /** The XML's DateGenerated: dd/mm/yyyy as the list writes its dates, or an ISO date (with or without a time). */
    private static LocalDate ukGenerated(String at, String text) {
        try {
            return text.matches("\\d{4}-\\d{2}-\\d{2}.*") ? LocalDate.parse(text.substring(0, 10))
                    : LocalDate.parse(text, DateTimeFormatter.ofPattern("dd/MM/uuuu"));
        } catch (DateTimeParseException e) {
            throw new BadInputException(at, "DateGenerated", "'" + text + "' is not a date (dd/mm/yyyy)");
        }
    }

    /** The rows of one designation or reference, gathered into one entry. */
    private static final class Gathered {
        final String at;
        final List<String> names = new ArrayList<>();
        final Set<String> countries = new TreeSet<>();
        final List<String> births = new ArrayList<>();
        final List<String> programs = new ArrayList<>();
        String type;
        String regime;
        LocalDate designated;
        String remarks;
        String control;

        Gathered(String at) {
            this.at = at;
        }
    }

    private static LocalDate ukReportDate(String text) {
        for (String pattern : List.of("d-MMM-yyyy", "dd-MMM-yyyy", "dd/MM/yyyy", "yyyy-MM-dd", "d MMMM yyyy")) {
            try {
                return LocalDate.parse(text, DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH));
            } catch (DateTimeParseException e) {
                // the next pattern
            }
        }
        throw new BadInputException("line 1", "Report Date", "'" + text + "' is not a date (e.g. 10-Feb-2026)");
    }

    private static LocalDate ukDate(String at, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip(), DateTimeFormatter.ofPattern("dd/MM/uuuu"));
        } catch (DateTimeParseException e) {
            throw new BadInputException(at, field, "'" + text + "' is not a date (dd/mm/yyyy)");
        }
    }

    /** A UK date of birth, which may hide the day or month (dd/mm/1968): the ISO date, or the year alone. */
    private static String ukBirth(String text) {
        String t = text.strip();
        Matcher m = Pattern.compile("^(\\d{2}|dd)/(\\d{2}|mm)/(\\d{4})$").matcher(t);
        if (!m.matches()) {
            return t.matches("\\d{4}") ? t : null;
        }
        if (m.group(1).equals("dd") || m.group(2).equals("mm")) {
            return m.group(3);
        }
        return m.group(3) + "-" + m.group(2) + "-" + m.group(1);
    }

    // ---- DFAT Consolidated List -----------------------------------------------------------------------------------

    private static ListFile dfat(byte[] bytes) {
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter fmt = new DataFormatter(Locale.ROOT);
            Row head = sheet.getRow(sheet.getFirstRowNum());
            if (head == null) {
                throw new BadInputException("row 1", "header", "the workbook's first sheet is empty");
            }
            Map<String, Integer> header = new LinkedHashMap<>();
            for (Cell c : head) {
                header.put(fmt.formatCellValue(c).strip(), c.getColumnIndex());
            }
            int headRow = head.getRowNum() + 1;
            requireColumns(header.keySet(), DFAT_COLUMNS, "row " + headRow, "the DFAT Consolidated List", "");
            Map<String, Gathered> byRef = new LinkedHashMap<>();
            for (int i = head.getRowNum() + 1; i <= sheet.getLastRowNum(); i++) {
                Row r = sheet.getRow(i);
                if (r == null || fmt.formatCellValue(r.getCell(header.get("Reference"))).isBlank()) {
                    continue;
                }
                String at = "row " + (i + 1);
                String ref = fmt.formatCellValue(r.getCell(header.get("Reference"))).strip();
                Matcher m = Pattern.compile("^(\\d+)([a-z]*)$").matcher(ref);
                if (!m.matches()) {
                    throw new BadInputException(at, "Reference", "'" + ref + "' is not a reference of the list (a number, with a letter for an alias: 12, 12a)");
                }
                Gathered e = byRef.computeIfAbsent(m.group(1), k -> new Gathered(at));
                String name = fmt.formatCellValue(r.getCell(header.get("Name of Individual or Entity"))).strip();
                if (name.isEmpty()) {
                    throw new BadInputException(at, "Name of Individual or Entity", "the row names no one");
                }
                boolean primary = fmt.formatCellValue(r.getCell(header.get("Name Type"))).strip().equalsIgnoreCase("Primary Name");
                if (primary) {
                    e.names.addFirst(name);
                } else {
                    e.names.add(name);
                }
                String type = fmt.formatCellValue(r.getCell(header.get("Type"))).strip();
                e.type = e.type == null || e.type.isEmpty() ? type : e.type;
                String dob = dfatDate(r.getCell(header.get("Date of Birth")), fmt);
                if (dob != null && !e.births.contains(dob)) {
                    e.births.add(dob);
                }
                for (String c : split(fmt.formatCellValue(r.getCell(header.get("Citizenship"))), "[;,]")) {
                    addCountry(e.countries, c);
                }
                String address = fmt.formatCellValue(r.getCell(header.get("Address")));
                int comma = address.lastIndexOf(',');
                addCountry(e.countries, comma < 0 ? address : address.substring(comma + 1));
                String listing = fmt.formatCellValue(r.getCell(header.get("Listing Information"))).strip();
                e.remarks = e.remarks == null || e.remarks.isEmpty() ? listing : e.remarks;
                Integer committees = header.get("Committees");
                if (committees != null) {
                    String c = fmt.formatCellValue(r.getCell(committees)).strip();
                    if (!c.isEmpty() && !e.programs.contains(c)) {
                        e.programs.add(c);
                    }
                }
                String control = dfatDate(r.getCell(header.get("Control Date")), fmt);
                if (control != null && control.length() == 10 && (e.control == null || control.compareTo(e.control) < 0)) {
                    e.control = control;
                }
            }
            List<ListEntry> out = new ArrayList<>(byRef.size());
            for (Map.Entry<String, Gathered> x : byRef.entrySet()) {
                Gathered e = x.getValue();
                out.add(entry(e.at, "au-dfat", "DFAT Consolidated List", x.getKey(), e.type, new ArrayList<>(new LinkedHashSet<>(e.names)), e.countries,
                        e.births, List.of(), e.programs, null, null, e.remarks));
            }
            return new ListFile("au-dfat", "DFAT Consolidated List XLSX", null, out);
        } catch (IOException | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException | org.apache.poi.ooxml.POIXMLException e) {
            throw new BadInputException("", "file", "not a readable XLSX workbook: " + e.getMessage());
        }
    }

    /** A date cell as an ISO date (a real date or a text such as 12/03/1971), a year alone, or null. */
    private static String dfatDate(Cell c, DataFormatter fmt) {
        if (c == null) {
            return null;
        }
        if (c.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(c)) {
            return c.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        if (c.getCellType() == CellType.NUMERIC) {
            double v = c.getNumericCellValue();
            if (v >= 1000 && v <= 2100 && v == Math.floor(v)) {
                return String.valueOf((int) v);
            }
            return DateUtil.getLocalDateTime(v).toLocalDate().toString();
        }
        String t = fmt.formatCellValue(c).strip();
        if (t.isEmpty()) {
            return null;
        }
        Matcher m = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})").matcher(t);
        if (m.find()) {
            return String.format(Locale.ROOT, "%s-%02d-%02d", m.group(3), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
        }
        Matcher y = Pattern.compile("\\b(\\d{4})\\b").matcher(t);
        return y.find() ? y.group(1) : null;
    }

    // ---- shared ---------------------------------------------------------------------------------------------------

    private static ListEntry entry(String at, String list, String source, String id, String type, List<String> names, Set<String> countries,
                                   List<String> births, List<String> ids, List<String> programs, LocalDate start, LocalDate end, String remarks) {
        PartyType t = type == null || type.isBlank() ? null : PartyType.parse(type);
        if (type != null && !type.isBlank() && t == null) {
            throw new BadInputException(at, "type", "'" + type + "' is not a type of entry (Individual, Entity, Vessel or Aircraft)");
        }
        try {
            return new ListEntry(list, source, id, t, names, countries, births, ids, programs, start, end, remarks);
        } catch (InvalidValueException e) {
            throw new BadInputException(at, e.field(), e.problem());
        }
    }

    private static void requireColumns(Set<String> header, List<String> required, String at, String what, String hint) {
        for (String c : required) {
            if (!header.contains(c)) {
                throw new BadInputException(at, c, "the header of " + what + " has no '" + c + "' column" + hint);
            }
        }
    }

    private static void requireLength(CSVRecord r, Map<String, Integer> header, String at) {
        if (!r.isConsistent()) {
            throw new BadInputException(at, "row", "the row has " + r.size() + " fields, the header " + header.size());
        }
    }

    private static String required(CSVRecord r, String column, String at) {
        String v = r.get(column);
        if (v == null || v.isBlank()) {
            throw new BadInputException(at, column, "is empty: every entry has a " + column);
        }
        return v.strip();
    }

    private static String cell(CSVRecord r, Map<String, Integer> header, String column) {
        return header.containsKey(column) && r.isSet(column) ? r.get(column) : "";
    }

    private static List<String> split(String cell) {
        return split(cell, ";");
    }

    private static List<String> split(String cell, String separator) {
        List<String> out = new ArrayList<>();
        if (cell == null) {
            return out;
        }
        for (String s : cell.split(separator)) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static List<String> nonBlank(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    private static void addCountry(Set<String> countries, String text) {
        String code = CountryNames.code(text);
        if (code != null) {
            countries.add(code);
        }
    }

    private static LocalDate date(String at, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadInputException(at, field, "'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static String optional(JsonNode r, String field) {
        JsonNode v = r.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static String firstText(JsonNode r, String... fields) {
        for (String f : fields) {
            JsonNode v = r.get(f);
            if (v != null && !v.isNull() && !v.asString().isBlank()) {
                return v.asString().strip();
            }
        }
        return null;
    }

    /** An array of texts, or one text holding "; "-separated values, or nothing. */
    private static List<String> texts(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            for (JsonNode x : v) {
                if (!x.isNull() && !x.asString().isBlank()) {
                    out.add(x.asString().strip());
                }
            }
            return out;
        }
        return split(v.asString());
    }
}
