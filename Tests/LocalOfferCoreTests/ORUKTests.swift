import Foundation
import Testing
import Yams
@testable import LocalOfferCore

/// The ORUK schemas, mocks and real feeds live in the repository (`Tests/ORUKFixtures/`, licences in its
/// README), so a fresh clone runs every ORUK test; a missing file fails the test that needs it.
enum ORUKFixtures {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = repo.appendingPathComponent("Tests/ORUKFixtures")
    static let real = shared.appendingPathComponent("real")
    static let replay = shared.appendingPathComponent("replay")
    static let schemas = shared.appendingPathComponent("schema")
    static let examples = shared.appendingPathComponent("examples")
    static var present: Bool { FileManager.default.fileExists(atPath: schemas.appendingPathComponent("service_with_definitions.json").path) }
    static let validator = Fixtures.root.appendingPathComponent("validate_oruk.py")
    static let python = "/usr/bin/python3"

    static func temp(_ name: String) -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("lo-oruk-\(name)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    /// A copy of the shipped content to import into.
    static func contentCopy() throws -> URL {
        let dir = temp("content").appendingPathComponent("content")
        try FileManager.default.copyItem(at: Fixtures.shipped, to: dir)
        return dir
    }

    static func run(_ args: [String]) -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: args[0])
        p.arguments = Array(args.dropFirst())
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        do { try p.run() } catch { return (-1, "\(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func importFile(_ file: URL, into dir: URL, feedURL: String? = nil) -> (ORUKImport.Report, [ORUKImport.Draft]) {
        ORUKImport.run(file: file, into: dir, options: ORUKImport.Options(label: file.lastPathComponent, feedURL: feedURL, today: Fixtures.today))
    }

    /// Imported entries are drafts: the editor's view of the folder holds them.
    static func load(_ dir: URL) -> ContentLoader.Result { ContentLoader.load(from: dir, today: Fixtures.today, includeDrafts: true) }

    /// A test's feed built in Swift, read the way a file is.
    static func json(_ value: Any) throws -> JSONValue {
        let data = try JSONSerialization.data(withJSONObject: value)
        guard case .success(let (v, _, _)) = JSONReader.parse(data) else { throw CocoaError(.fileReadCorruptFile) }
        return v
    }

    static func newFiles(in dir: URL) -> [String] {
        let shipped = Set((try? FileManager.default.contentsOfDirectory(atPath: Fixtures.shipped.appendingPathComponent("services").path)) ?? [])
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("services").path)) ?? [])
            .filter { !shipped.contains($0) }.sorted()
    }
}

/// The exported services as Foundation objects, for tests that look inside them.
enum ORUKExported {
    static func services(_ content: Content) -> [[String: Any]] { ORUKExport.services(content).map(object) }
    static func object(_ v: JSONOut) -> [String: Any] { (any(v) as? [String: Any]) ?? [:] }
    static func any(_ v: JSONOut) -> Any {
        switch v {
        case .null: return NSNull()
        case .bool(let b): return b
        case .int(let n): return n
        case .string(let s): return s
        case .array(let a): return a.map(any)
        case .object(let m): return Dictionary(m.map { ($0.0, any($0.1)) }, uniquingKeysWith: { $1 })
        }
    }
}

@Suite struct UUIDv5Tests {
    @Test func sha1MatchesFIPSVectors() {
        #expect(SHA1.hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(SHA1.hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(SHA1.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }

    @Test func uuidv5MatchesRFC4122() {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        #expect(UUIDv5.string("python.org", namespace: UUIDv5.dns) == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        let id = UUIDv5.string("sendiass/richmond")
        #expect(id == UUIDv5.string("sendiass/richmond"))
        #expect(id != UUIDv5.string("sendiass/kingston"))
        #expect(Array(id)[14] == "5", "version 5")
        #expect("89ab".contains(Array(id)[19]), "RFC 4122 variant")
    }
}

@Suite struct ORUKExportTests {
    static let content = Fixtures.shippedResult.content

    @Test func twoExportsAreIdenticalByteForByte() throws {
        let a = try ORUKExport.files(Self.content)
        let b = try ORUKExport.files(Self.content)
        #expect(a.keys.sorted() == b.keys.sorted())
        for k in a.keys { #expect(a[k] == b[k], "\(k) differs between two exports") }
        // And once written: the same bytes on disk, with no stray temporary files.
        let d1 = ORUKFixtures.temp("exp1"), d2 = ORUKFixtures.temp("exp2")
        try ORUKExport.write(a, to: d1)
        try ORUKExport.write(b, to: d2)
        try ORUKExport.write(b, to: d2)  // re-export over itself
        for k in a.keys {
            #expect(try Data(contentsOf: d1.appendingPathComponent(k)) == Data(contentsOf: d2.appendingPathComponent(k)))
        }
        let leftovers = (try FileManager.default.contentsOfDirectory(atPath: d2.appendingPathComponent("services").path)).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    /// The contact the content states, in ORUK's fields: phones (number, and the words after it),
    /// and the address as the service's location; nothing where the content says nothing.
    @Test func contactsBecomePhonesAndLocations() throws {
        let services = ORUKExported.services(Self.content)
        for e in Self.content.entries where e.kind == .service {
            for b in e.offeredIn {
                let s = try #require(services.first { $0["id"] as? String == ORUKExport.serviceId(entry: e.id, borough: b) })
                let contacts = [e.boroughs[b]?.contact, e.contact].compactMap { $0 }
                let phones = (s["phones"] as? [[String: Any]]) ?? []
                if let raw = contacts.compactMap(\.phone).first {
                    let number = try #require(phones.first?["number"] as? String, "\(e.id): \(raw)")
                    #expect(raw.contains(number) && number.allSatisfy { $0.isNumber || $0 == " " || $0 == "+" || $0 == "-" }, "\(e.id): \(number)")
                } else {
                    #expect(phones.isEmpty, "\(e.id): no phone in the content, none in the feed")
                }
                let location = ((s["service_at_locations"] as? [[String: Any]])?.first?["location"] as? [String: Any])
                if let address = contacts.compactMap(\.address).first {
                    #expect(location?["name"] as? String == address.trimmed && location?["location_type"] as? String == "physical", "\(e.id)")
                } else {
                    #expect(location == nil, "\(e.id): no address, no location")
                }
            }
        }
        let helpline = ContactMapping.phone("0808 808 3555 (free helpline)")
        #expect(helpline?.number == "0808 808 3555" && helpline?.description == "free helpline")
        #expect(ContactMapping.phone("ask at reception") == nil)
        let freephone = ContactMapping.phone("Freephone 0800 123 4567, weekdays")
        #expect(freephone?.number == "0800 123 4567" && freephone?.description == "Freephone weekdays")
        let nhs = ContactMapping.phone("111, then choose the mental health option (press 2)")
        #expect(nhs?.number == "111" && nhs?.description == "then choose the mental health option (press 2)")
    }

    @Test func oneServicePerEntryPerOfferedBoroughWithBothTaxonomiesAndONSCodes() throws {
        let services = ORUKExported.services(Self.content)
        let expected = Self.content.entries.filter { $0.kind == .service }.reduce(0) { $0 + $1.offeredIn.count }
        #expect(services.count == expected)
        #expect(Set(services.compactMap { $0["id"] as? String }).count == services.count, "ids are unique")
        func taxonomies(_ s: [String: Any]) -> Set<String> {
            Set(((s["attributes"] as? [[String: Any]]) ?? []).compactMap { ($0["taxonomy_term"] as? [String: Any])?["taxonomy"] as? String })
        }
        let both = services.filter { taxonomies($0).isSuperset(of: [ORUK.senStatusTaxonomy, ORUK.needAreaTaxonomy]) }
        #expect(Double(both.count) >= 0.9 * Double(services.count), "\(both.count) of \(services.count) carry both taxonomies")
        let codes = Set(services.flatMap { (($0["service_areas"] as? [[String: Any]]) ?? []).compactMap { $0["extent"] as? String } })
        #expect(codes == ["E09000027", "E09000021"])
        #expect(services.allSatisfy { ($0["service_areas"] as? [[String: Any]])?.first?["extent_type"] as? String == "ons_gss" })
    }

    /// The plain status term only where the verdict is eligible; "-check" where it depends; none where not.
    @Test func statusTermsFollowTheEligibilityVerdicts() throws {
        for e in Self.content.entries where e.kind == .service {
            for b in e.offeredIn {
                let s = ORUKExported.object(ORUKExport.service(e, borough: b, in: Self.content, organizations: .init(Self.content)))
                let terms = Set(((s["attributes"] as? [[String: Any]]) ?? []).compactMap { a -> String? in
                    guard let t = a["taxonomy_term"] as? [String: Any], t["taxonomy"] as? String == ORUK.senStatusTaxonomy else { return nil }
                    return t["term"] as? String
                })
                for st in Status.allCases {
                    let v = EligibilityEngine.verdict(e, borough: b, age: e.ages.lowerBound, status: st)
                    #expect(terms.contains(st.rawValue) == (v == .eligible), "\(e.id)/\(b) \(st)")
                    #expect(terms.contains(st.rawValue + "-check") == (v == .check), "\(e.id)/\(b) \(st)")
                }
                #expect(s["minimum_age"] as? Int == e.ages.lowerBound)
                #expect(s["maximum_age"] as? Int == e.ages.upperBound)
                #expect(s["assured_date"] as? String == e.lastReviewed)
                #expect(s["id"] as? String == ORUKExport.serviceId(entry: e.id, borough: b))
                // Never an email or web address the entry does not hold.
                if let email = s["email"] as? String {
                    let known = [e.contact?.email, e.boroughs[b]?.contact?.email].compactMap { $0 }
                    #expect(known.contains { $0.contains(email) }, "\(e.id): \(email)")
                }
                if let url = s["url"] as? String {
                    #expect([e.contact?.website, e.boroughs[b]?.contact?.website].contains(url))
                }
            }
        }
    }

    @Test func guidesAreLeftOut() {
        let ids = Set(ORUKExported.services(Self.content).compactMap { $0["id"] as? String })
        for g in Self.content.entries where g.kind == .guide {
            for b in Borough.allCases { #expect(!ids.contains(ORUKExport.serviceId(entry: g.id, borough: b))) }
        }
    }

    @Test
    func exportValidatesAgainstTheORUKSchemas() throws {
        let dir = ORUKFixtures.temp("schema")
        try ORUKExport.write(try ORUKExport.files(Self.content), to: dir)
        let r = ORUKFixtures.run([ORUKFixtures.python, ORUKFixtures.validator.path, ORUKFixtures.schemas.path, dir.path])
        #expect(r.status != 3, "python3-jsonschema is missing: apt-get install -y python3-jsonschema (.ci/run does this)")
        #expect(r.status == 0, "schema errors:\n\(r.out.suffix(4000))")
        #expect(r.out.contains("0 schema errors"))
        #expect(r.out.contains("validated \(ORUKExported.services(Self.content).count + 4) documents"), "\(r.out)")
    }
}

@Suite struct ORUKImportTests {
    static let valid = ["valid-service-list-128.json", "valid-service.json", "valid-service-list.json"]
    static let invalid = ["invalid-service-list.json", "invalid-service.json", "invalid-api-details.json"]

    @Test
    func validMocksImportPassCheckAndAreFoundByName() throws {
        let dir = try ORUKFixtures.contentCopy()
        var imported: [ORUKImport.Draft] = []
        for name in Self.valid {
            let (report, drafts) = ORUKFixtures.importFile(ORUKFixtures.examples.appendingPathComponent(name), into: dir)
            #expect(report.ok, "\(name): \(report.errors)")
            #expect(report.refused == 0)
            #expect(!drafts.isEmpty)
            imported += drafts
        }
        let result = ORUKFixtures.load(dir)
        let valid = result.isValid
        #expect(valid, "\(result.errors.prefix(5))")
        // The mocks repeat one record id: a re-import updates that entry rather than adding another.
        #expect(ORUKFixtures.newFiles(in: dir) == Set(imported.map { "\($0.id).yaml" }).sorted())
        #expect(ORUKFixtures.newFiles(in: dir).count == Set(imported.map(\.orukId)).count)
        let engine = SearchEngine(content: result.content)
        for d in imported {
            let hits = engine.search(d.title, limit: 3).hits.map(\.entry.id)
            #expect(hits.contains(d.id), "'\(d.title)' → \(hits)")
            let e = try #require(result.content.entry(d.id))
            // What ORUK cannot say is `check` with a reason, never a guess.
            for s in Status.allCases {
                #expect(e.eligibility[s]?.verdict == .check)
                #expect(e.eligibility[s]?.reason == ORUKImport.notStated)
            }
            #expect(e.ages == 12...25)
            #expect(e.lastReviewed == "2005-01-01", "the feed's assured_date")
            #expect(e.sources.contains("http://example.com/counselling"))
            #expect(e.contact?.email == "email@example.com")
            #expect(e.category == "directory")
        }
    }

    @Test
    func invalidMocksAreRefusedWithJSONPathsAndLeaveContentValid() throws {
        let dir = try ORUKFixtures.contentCopy()
        var lines: [String] = []
        for name in Self.invalid {
            let (report, drafts) = ORUKFixtures.importFile(ORUKFixtures.examples.appendingPathComponent(name), into: dir)
            #expect(!report.ok, "\(name) must be refused")
            #expect(drafts.isEmpty)
            lines += report.problems.map(\.description)
        }
        #expect(lines.contains("invalid-service-list.json: contents[0].name: error: missing: every service needs a name"))
        #expect(lines.contains("invalid-service-list.json: contents[0].email: error: not an email address: 'email-example_com'"))
        #expect(lines.contains("invalid-service-list.json: contents[2].email: error: not an email address (false)"))
        #expect(lines.contains("invalid-service-list.json: contents[3].email: error: not an email address (a number)"))
        #expect(lines.contains { $0.hasPrefix("invalid-service-list.json: contents[1].url: error: not a web address") })
        #expect(lines.contains { $0.hasPrefix("invalid-service.json: email: error: not an email address") })
        #expect(lines.contains { $0.hasPrefix("invalid-service.json: url: error: not a web address") })
        #expect(lines.contains { $0.hasPrefix("invalid-api-details.json: error: not an ORUK services page or service") })
        #expect(lines.allSatisfy { !$0.contains("\n") }, "one line each")
        #expect(ORUKFixtures.newFiles(in: dir).isEmpty, "nothing written, not even a temporary file")
        let hidden = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("services").path).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty)
        #expect(ORUKFixtures.load(dir).isValid)
    }

    /// A feed with good and bad records: the good are imported, the bad named, the run fails.
    @Test func mixedFeedImportsTheValidOnes() throws {
        let dir = try ORUKFixtures.contentCopy()
        let feed = ORUKFixtures.temp("mixed").appendingPathComponent("feed.json")
        try Data("""
        {"total_items": 3, "contents": [
          {"id": "a1", "name": "Good One", "status": "active", "service_areas": [{"id": "x", "extent": "E09000021", "extent_type": "ons_gss"}]},
          {"id": "a2", "name": "Bad Mail", "email": "nope"},
          {"id": "a3", "name": "Too Old", "minimum_age": 65}
        ]}
        """.utf8).write(to: feed)
        let (report, drafts) = ORUKFixtures.importFile(feed, into: dir, feedURL: "https://directory.example.org/services")
        #expect(!report.ok)
        #expect(report.refused == 1 && report.imported == 1 && report.skipped == 1)
        #expect(report.problems.map(\.description).contains("feed.json: contents[1].email: error: not an email address: 'nope'"))
        let result = ORUKFixtures.load(dir)
        #expect(result.isValid, "\(result.errors)")
        let draft = try #require(drafts.first)
        let e = try #require(result.content.entry(draft.id))
        #expect(e.offeredIn == [.kingston], "from the ONS code")
        #expect(e.boroughs[.richmond]?.reason?.contains("Kingston upon Thames only") == true)
        #expect(e.sources == ["https://directory.example.org/services"])
        #expect(e.lastReviewed == ISODate.format(Fixtures.today), "no date in the feed: the import date")
        #expect(e.description.contains("no date for when it was last checked"))
    }

    @Test func orukOnePointZeroPagesAreRead() throws {
        let json: [String: Any] = ["totalElements": 1, "content": [[
            "id": 4021, "name": "Riverside &amp; Co <b>Play</b> Club", "description": "<p>Play for all.</p><p>Costs Â£5 â€“ itâ€™s fun.</p>",
            "url": "https://riverside.example.org", "assured_date": "2026-10-01",
            "service_areas": [["service_area": "Richmond upon Thames", "extent": "E09000027"]],
            "organization": ["id": 7, "name": "Riverside Trust"],
            "cost_options": [["amount": 5, "amount_description": "a session"]],
            "eligibilitys": [["eligibility": "disability", "minimum_age": 5, "maximum_age": 18]],
        ] as [String: Any]]]
        let options = ORUKImport.Options(label: "outpost.json", today: Fixtures.today)
        var drafts: [ORUKImport.Draft] = []
        let report = ORUKImport.convert(try ORUKFixtures.json(json), options: options, existing: .init()) { drafts.append($0) }
        #expect(report.ok && drafts.count == 1)
        let d = try #require(drafts.first)
        #expect(d.title == "Riverside & Co Play Club")
        #expect(d.id.hasPrefix("riverside-and-co-play-club-"))
        let y = try #require(try Yams.load(yaml: d.yaml) as? [String: Any])
        let text = y["description"] as? String ?? ""
        #expect(text.hasPrefix("Play for all.\n\nCosts £5 – it’s fun."), "\(text)")
        #expect(y["cost"] as? String == "£5 a session")
        #expect(y["last_reviewed"] as? String == "2026-10-01")
        #expect(d.ages == 5...18, "1.0 ages from eligibilitys")
        let boroughs = y["boroughs"] as? [String: Any]
        #expect((boroughs?["richmond"] as? [String: Any])?["provider"] as? String == "Riverside Trust")
        #expect((boroughs?["kingston"] as? [String: Any])?["offered"] as? Bool == false)
    }

    @Test func reImportUpdatesAndNeverTakesAHandWrittenId() throws {
        let dir = try ORUKFixtures.contentCopy()
        let feed = ORUKFixtures.temp("re").appendingPathComponent("feed.json")
        func write(_ name: String) throws {
            try Data(#"{"contents": [{"id": "rec-1", "name": "\#(name)", "status": "active"}]}"#.utf8).write(to: feed)
        }
        // A hand-written entry already holds the id the record would get.
        let wouldBe = "holiday-club-" + IdAllocator.key("rec-1").prefix(8)
        let handWritten = try String(contentsOf: Fixtures.shipped.appendingPathComponent("services/sendiass.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "id: sendiass", with: "id: \(wouldBe)")
        try handWritten.write(to: dir.appendingPathComponent("services/\(wouldBe).yaml"), atomically: true, encoding: .utf8)

        try write("Holiday Club")
        let (r1, d1) = ORUKFixtures.importFile(feed, into: dir)
        let first = try #require(d1.first).id
        #expect(r1.ok)
        #expect(first != wouldBe && first.hasPrefix(wouldBe), "lengthened, not overwritten: \(first)")
        #expect(try String(contentsOf: dir.appendingPathComponent("services/\(wouldBe).yaml"), encoding: .utf8) == handWritten)

        try write("Holiday Club (renamed)")
        let (_, d2) = ORUKFixtures.importFile(feed, into: dir)
        #expect(d2.first?.id == first, "the same record updates its own file")
        let result = ORUKFixtures.load(dir)
        #expect(result.isValid, "\(result.errors)")
        #expect(result.content.entry(first)?.title == "Holiday Club (renamed)")
        #expect(result.content.entries.filter { $0.title.hasPrefix("Holiday Club") }.count == 1)
    }

    @Test func roundTripKeepsTitlesAgesAndOpenStatuses() throws {
        let content = Fixtures.shippedResult.content
        let feedDir = ORUKFixtures.temp("rt-feed")
        try ORUKExport.write(try ORUKExport.files(content), to: feedDir)
        // An almost empty content folder: just the vocabulary the entries choose from.
        let dir = ORUKFixtures.temp("rt").appendingPathComponent("content")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("services"), withIntermediateDirectories: true)
        // Without `talk_to`, and with no intent preferring named entries: they name hand-written
        // entries this folder does not hold.
        let vocabulary = try String(contentsOf: Fixtures.shipped.appendingPathComponent("vocabulary.yaml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("talk_to:") }
            .map { $0.hasPrefix("    prefer: {entries:") ? "    prefer: {kind: guide}" : String($0) }.joined(separator: "\n")
        try vocabulary.write(to: dir.appendingPathComponent("vocabulary.yaml"), atomically: true, encoding: .utf8)
        let (report, drafts) = ORUKFixtures.importFile(feedDir.appendingPathComponent("services.json"), into: dir,
                                                       feedURL: "https://example.org/oruk/services.json")
        #expect(report.ok, "\(report.errors.prefix(5))")
        let services = ORUKExported.services(content)
        #expect(drafts.count == services.count)
        let result = ORUKFixtures.load(dir)
        let valid = result.isValid
        #expect(valid, "\(result.errors.prefix(5))")
        let imported = result.content.entries
        func key(_ t: String, _ a: ClosedRange<Int>) -> String { "\(t) \(a)" }
        let exported = content.entries.filter { $0.kind == .service }.flatMap { e in e.offeredIn.map { _ in key(e.title, e.ages) } }.sorted()
        #expect(imported.map { key($0.title, $0.ages) }.sorted() == exported)
        for e in content.entries where e.kind == .service {
            for b in e.offeredIn {
                guard let i = imported.first(where: { $0.title == e.title && $0.offeredIn == [b] }) else {
                    Issue.record("no imported entry for \(e.id) in \(b)")
                    continue
                }
                #expect(Set(i.needAreas) == Set(e.needAreas))
                for s in Status.allCases {
                    let open = EligibilityEngine.verdict(e, borough: b, age: e.ages.lowerBound, status: s) == .eligible
                    #expect((i.eligibility[s]?.verdict == .eligible) == open, "\(e.id)/\(b)/\(s)")
                }
                #expect(i.lastReviewed == e.lastReviewed)
                #expect(i.cost == e.cost)
            }
        }
    }

    @Test func feedsThatAreNotFeedsWriteNothing() throws {
        let options = ORUKImport.Options(label: "x.json", today: Fixtures.today)
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(ORUKImport.parse(data: Data(deep.utf8), options: options).1.failed)
        #expect(ORUKImport.parse(data: Data("{\"contents\": [".utf8), options: options).1.failed)
        // Brackets inside strings are text, not nesting.
        let text = "{\"contents\": [{\"id\": \"1\", \"name\": \"" + String(repeating: "[{", count: 100) + "\"}]}"
        #expect(!ORUKImport.parse(data: Data(text.utf8), options: options).1.failed)
        let dir = try ORUKFixtures.contentCopy()
        let feed = ORUKFixtures.temp("bad").appendingPathComponent("bad.json")
        try Data("not json".utf8).write(to: feed)
        let (report, _) = ORUKFixtures.importFile(feed, into: dir)
        #expect(report.failed && !report.ok)
        #expect(report.problems.first?.description.hasPrefix("bad.json: error: not valid JSON") == true)
        #expect(ORUKFixtures.newFiles(in: dir).isEmpty)
    }
}

@Suite struct ORUKTextTests {
    @Test func mojibakeIsRepaired() {
        #expect(ORUKText.fixMojibake("Â£5 a session") == "£5 a session")
        #expect(ORUKText.fixMojibake("itâ€™s â€œfreeâ€\u{9D}") == "it’s “free”")
        #expect(ORUKText.fixMojibake("cafÃ©") == "café")
        // Text that was right stays right.
        #expect(ORUKText.fixMojibake("café £5 – it’s") == "café £5 – it’s")
        #expect(ORUKText.fixMojibake("Ångström") == "Ångström")
    }

    @Test func htmlIsStripped() {
        let s = ORUKText.clean("<p>One &amp; two</p><ul><li>a</li><li>b</li></ul><script>alert(1)</script>&#163;3 &pound;4", limit: 1000)
        #expect(s == "One & two\n\n- a\n- b\n\n£3 £4")
        #expect(ORUKText.clean("a\u{0}b\u{1B}[31mc\u{7F}\u{202E}d", limit: 100) == "ab[31mcd")
        #expect(ORUKText.clean(String(repeating: "x", count: 500), limit: 100).count == 100)
    }

    /// Whatever the feed holds, the YAML reads back as the same text.
    @Test(arguments: ["plain", "with \"quotes\" and 'single'", "back\\slash", "line\nbreak", "colon: value # not a comment",
                      "- dash first", "@at", "`tick`", "null", "yes", "2026-01-01", "*star", "&amp", "!tag", "{a: 1}", "[x]",
                      "tab\there", "   leading", "trailing   ", "emoji 👩‍👧 and 中文", "%percent", "|pipe", ">fold"])
    func yamlQuotingRoundTrips(_ s: String) throws {
        let y = "a: \(YAMLText.quoted(s))\nb: \(YAMLText.block(s, indent: 2))\n"
        let back = try #require(try Yams.load(yaml: y, .basic) as? [String: Any])
        #expect(back["a"] as? String == s)
        #expect(back["b"] as? String == s)
    }

    @Test func idsAreKebabCase() {
        #expect(IdAllocator.kebab("Children's Centre — Tolworth & Surbiton") == "children-s-centre-tolworth-and-surbiton")
        #expect(IdAllocator.kebab("Café Ümlaut") == "cafe-umlaut")
        #expect(IdAllocator.kebab("中文") == "service")
        #expect(IdAllocator.kebab(String(repeating: "word ", count: 40)).count <= 48)
        #expect(Identifier.isValid(IdAllocator.kebab("--x--") + "-abcd1234"))
    }
}
