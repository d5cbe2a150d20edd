package dev.pillar.codec.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillar.codec.BadInputException;
import dev.pillar.core.screening.ListEntry;
import dev.pillar.core.screening.PartyType;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The list files in their published formats (fixtures in src/test/resources/screening, described in FORMATS.md there). */
public class ListReadersTest {
    public static byte[] fixture(String name) {
        try (InputStream in = ListReadersTest.class.getResourceAsStream("/screening/" + name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("missing fixture " + name, e);
        }
    }

    private static Map<String, ListEntry> byId(ListFile f) {
        return f.entries().stream().collect(Collectors.toMap(ListEntry::id, Function.identity()));
    }

    @Test
    void theConsolidatedScreeningListReadsTheSameFromItsCsvAndItsJson() {
        ListFile csv = ListReaders.read("us-csl", fixture("csl-sample.csv"));
        ListFile json = ListReaders.read("us-csl", fixture("csl-sample.json"));
        assertThat(csv.entries()).hasSize(13);
        assertThat(json.entries()).hasSize(13);
        Map<String, ListEntry> a = byId(csv);
        Map<String, ListEntry> b = byId(json);
        assertThat(a.keySet()).isEqualTo(b.keySet());
        for (String id : a.keySet()) {
            assertThat(b.get(id).source()).as(id).isEqualTo(a.get(id).source());
            assertThat(b.get(id).names()).as(id).isEqualTo(a.get(id).names());
            assertThat(b.get(id).countries()).as(id).isEqualTo(a.get(id).countries());
            assertThat(b.get(id).start()).as(id).isEqualTo(a.get(id).start());
            assertThat(b.get(id).end()).as(id).isEqualTo(a.get(id).end());
        }
        ListEntry meridian = csv.entries().stream().filter(e -> e.name().equals("Meridian Photonics Pty Ltd")).findFirst().orElseThrow();
        assertThat(meridian.source()).isEqualTo("Entity List (EL) - Bureau of Industry and Security");
        assertThat(meridian.countries()).containsExactly("AUS");
        assertThat(meridian.start()).isEqualTo(LocalDate.of(2026, 1, 15));
        ListEntry antonov = csv.entries().stream().filter(e -> e.name().startsWith("ANTONOV")).findFirst().orElseThrow();
        assertThat(antonov.type()).isEqualTo(PartyType.INDIVIDUAL);
        assertThat(antonov.names()).contains("ANTONOFF, Victor");
        assertThat(antonov.countries()).contains("RUS");
        assertThat(antonov.birthDates()).containsExactly("1971-03-12");
        assertThat(csv.entries().stream().filter(e -> e.end() != null)).as("the expired Denied Persons entry").hasSize(1);
    }

    @Test
    void theUkSanctionsListGroupsTheRowsOfADesignationAndTakesItsReportDate() {
        ListFile uk = ListReaders.read("uk-sanctions", fixture("uk-sample.csv"));
        assertThat(uk.published()).isEqualTo(LocalDate.of(2026, 2, 10));
        ListEntry antonov = byId(uk).get("RUS9901");
        assertThat(antonov.names()).first().isEqualTo("Viktor Sergeyevich ANTONOV");
        assertThat(antonov.names()).contains("Victor ANTONOFF", "Виктор Сергеевич Антонов");
        assertThat(antonov.type()).isEqualTo(PartyType.INDIVIDUAL);
        assertThat(antonov.birthDates()).contains("1971-03-12");
        assertThat(antonov.countries()).contains("RUS");
        assertThat(antonov.start()).isEqualTo(LocalDate.of(2022, 3, 15));
        assertThat(uk.entries()).extracting(ListEntry::id).doesNotHaveDuplicates();
    }

    @Test
    void theUkSanctionsListXmlGivesTheSameEntriesAsItsCsv() {
        ListFile csv = ListReaders.read("uk-sanctions", fixture("uk-sample.csv"));
        ListFile xml = ListReaders.read("uk-sanctions", fixture("uk-sample.xml"));
        assertThat(xml.format()).isEqualTo("UK Sanctions List XML");
        assertThat(xml.published()).as("DateGenerated").isEqualTo(csv.published());
        assertThat(xml.entries()).extracting(ListEntry::id).containsExactlyElementsOf(csv.entries().stream().map(ListEntry::id).toList());
        Map<String, ListEntry> fromCsv = byId(csv);
        for (ListEntry x : xml.entries()) {
            ListEntry c = fromCsv.get(x.id());
            assertThat(x.names()).as(x.id() + " primary name first").first().isEqualTo(c.names().getFirst());
            assertThat(x.names()).as(x.id() + " names").containsExactlyInAnyOrderElementsOf(c.names());
            assertThat(x.type()).as(x.id()).isEqualTo(c.type());
            assertThat(x.countries()).as(x.id()).isEqualTo(c.countries());
            assertThat(x.birthDates()).as(x.id()).isEqualTo(c.birthDates());
            assertThat(x.programs()).as(x.id()).isEqualTo(c.programs());
            assertThat(x.source()).as(x.id()).isEqualTo(c.source());
            assertThat(x.start()).as(x.id()).isEqualTo(c.start());
            assertThat(x.remarks()).as(x.id()).isEqualTo(c.remarks().strip());
        }
        assertThat(byId(xml).get("DPR9902").birthDates()).as("a date of birth that hides its day and month").containsExactly("1968");
    }

    @Test
    void aBadUkSanctionsListXmlIsRefusedNamingTheLineAndField() {
        byte[] other = "<?xml version=\"1.0\"?>\n<sdnList><sdnEntry/></sdnList>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ListReaders.read("uk-sanctions", other)).isInstanceOfSatisfying(BadInputException.class, e -> {
            assertThat(e.field()).isEqualTo("Designations");
            assertThat(e.location()).isEqualTo("line 2");
        });
        byte[] noId = ("<Designations>\n<DateGenerated>10/02/2026</DateGenerated>\n<Designation>\n<Names><Name><Name6>X</Name6></Name></Names>"
                + "<IndividualEntityShip>Entity</IndividualEntityShip>\n</Designation>\n</Designations>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ListReaders.read("uk-sanctions", noId)).isInstanceOfSatisfying(BadInputException.class, e -> {
            assertThat(e.field()).isEqualTo("UniqueID");
            assertThat(e.location()).isEqualTo("line 3");
        });
        byte[] broken = "<Designations>\n<Designation>\n<UniqueID>A1</UniqueID>\n</Designations>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ListReaders.read("uk-sanctions", broken)).isInstanceOfSatisfying(BadInputException.class, e -> {
            assertThat(e.field()).isEqualTo("file");
            assertThat(e.location()).isEqualTo("line 4");
        });
        // an external entity is never read: the file's DTD is not processed
        byte[] xxe = ("<?xml version=\"1.0\"?>\n<!DOCTYPE Designations [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>\n<Designations><Designation>"
                + "<UniqueID>A1</UniqueID><Names><Name><Name6>&e;</Name6></Name></Names><IndividualEntityShip>Entity</IndividualEntityShip>"
                + "</Designation></Designations>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ListReaders.read("uk-sanctions", xxe)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> ListReaders.read("us-csl", fixture("uk-sample.xml"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("uk-sanctions");
    }

    @Test
    void theDfatWorkbookReadsAliasesUnderTheirReference() {
        ListFile au = ListReaders.read("au-dfat", fixture("dfat-sample.xlsx"));
        assertThat(au.entries()).hasSize(6);
        for (ListEntry e : au.entries()) {
            assertThat(e.names()).as(e.id()).isNotEmpty();
            assertThat(e.id()).as("references without the alias letter").matches("\\d+");
        }
        assertThat(au.entries().stream().mapToInt(e -> e.names().size()).sum()).as("names over all rows").isGreaterThan(6);
    }

    @Test
    void aFileOfAnotherListOrWithAMissingColumnOrABadDateIsRefusedNamingTheLineAndField() {
        assertThatThrownBy(() -> ListReaders.read("us-csl", fixture("bad/uk-as-csl.csv")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("uk-sanctions");
        assertThatThrownBy(() -> ListReaders.read("us-csl", fixture("bad/csl-missing-column.csv")))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("name");
                    assertThat(e.location()).isEqualTo("line 1");
                });
        assertThatThrownBy(() -> ListReaders.read("us-csl", fixture("bad/csl-bad-date.json")))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("start_date");
                    assertThat(e.location()).startsWith("results[");
                    assertThat(e.problem()).contains("2026-13-45");
                });
        assertThatThrownBy(() -> ListReaders.read("au-dfat", fixture("csl-sample.csv"))).isInstanceOf(BadInputException.class).hasMessageContaining("XLSX");
        assertThatThrownBy(() -> ListReaders.read("uk-sanctions", fixture("dfat-sample.xlsx"))).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> ListReaders.read("eu-list", fixture("csl-sample.csv"))).isInstanceOfSatisfying(BadInputException.class,
                e -> assertThat(e.field()).isEqualTo("source"));
    }

    @Test
    void storedEntriesReadBackAsTheyWere() {
        List<ListEntry> entries = ListReaders.read("us-csl", fixture("csl-sample.json")).entries();
        assertThat(EntryLines.decode(EntryLines.encode(entries))).isEqualTo(entries);
        assertThat(EntryLines.decode(EntryLines.encode(entries)).stream().map(ListEntry::digest).toList())
                .isEqualTo(entries.stream().map(ListEntry::digest).toList());
    }
}
